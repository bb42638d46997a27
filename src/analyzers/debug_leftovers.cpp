#include "analyzers/debug_leftovers.hpp"

#include "analyzers/line_rules.hpp"

namespace nectr::analyzers {
namespace {

using L = Language;

constexpr std::string_view kMaint = kCategoryMaintainability;

// Fields: id, category, severity, languages, pattern, unless, message, in_tests, in_comments.
// clang-format off
constexpr LineRule kRules[] = {
    // JavaScript and TypeScript
    {"debug.console-log", kMaint, Severity::kLow, {L::kJavaScript},
     R"(\bconsole\.(?:log|debug|trace|dir|table)\s*\()", "",
     "A console.log call looks left over from debugging.", false},
    {"debug.debugger", kMaint, Severity::kMedium, {L::kJavaScript},
     R"(^\s*debugger\s*;?\s*(?://.*)?$)", "",
     "A debugger statement is left in; it pauses the program wherever developer tools are "
     "open.", true},
    // Python
    {"debug.print", kMaint, Severity::kLow, {L::kPython},
     R"(^\s*print\s*\()", "",
     "A print call looks left over from debugging; use logging if the output is meant to "
     "stay.", false},
    {"debug.breakpoint", kMaint, Severity::kMedium, {L::kPython},
     R"((?:^|[^\w.])breakpoint\s*\(\s*\))", "",
     "A breakpoint() call is left in; it stops the program in the debugger.", true},
    {"debug.breakpoint", kMaint, Severity::kMedium, {L::kPython},
     R"(^\s*import\s+(?:i?pdb|pudb)\b|\b(?:i?pdb|pudb)\.(?:set_trace|post_mortem)\s*\()", "",
     "A debugger (pdb) is imported or started here.", true},
    // Go
    {"debug.print", kMaint, Severity::kLow, {L::kGo},
     R"(\bfmt\.Print(?:ln|f)?\s*\()", "",
     "A fmt.Print call looks left over from debugging; use the logger if it is meant to "
     "stay.", false},
    {"debug.print", kMaint, Severity::kLow, {L::kGo},
     R"(\bspew\.(?:Dump|Printf?)\s*\()", "",
     "A spew dump looks left over from debugging.", false},
    // Java and Kotlin
    {"debug.print", kMaint, Severity::kLow, {L::kJava},
     R"(\bSystem\.(?:out|err)\.print(?:ln|f)?\s*\()", "",
     "A System.out print looks left over from debugging; use the logger.", false},
    {"debug.print", kMaint, Severity::kLow, {L::kJava, L::kKotlin},
     R"(\.printStackTrace\s*\(\s*\))", "",
     "printStackTrace() writes to stderr and loses the error for the logs; log it instead.",
     false},
    // Rust
    {"debug.dbg", kMaint, Severity::kMedium, {L::kRust},
     R"(\bdbg!\s*\()", "",
     "A dbg! macro is left in.", true},
    {"debug.print", kMaint, Severity::kLow, {L::kRust},
     R"(\bprintln!\s*\()", "",
     "A println! looks left over from debugging; use the logger if it is meant to stay.",
     false},
    // PHP
    {"debug.print", kMaint, Severity::kLow, {L::kPhp},
     R"((?:^|[^\w>:$])(?:var_dump|print_r|var_export|dd|dump)\s*\()", "",
     "A var_dump/dd style dump looks left over from debugging.", false},
    // Ruby
    {"debug.breakpoint", kMaint, Severity::kMedium, {L::kRuby},
     R"(\bbinding\.(?:pry|irb)\b|^\s*(?:byebug|debugger)\s*$)", "",
     "A debugger breakpoint is left in.", true},
    // C and C++: only prints that say they are debug output; printing is too common otherwise.
    {"debug.print", kMaint, Severity::kLow, {L::kC, L::kCpp},
     R"((?:\bprintf\s*\(|\bstd::c(?:out|err)\s*<<|\bfprintf\s*\(\s*stderr\s*,))"
     R"(\s*"(?i:debug|here|xxx|got here)\b)", "",
     "A debug print looks left over.", false},
    // Every language: added work notes, as information for the reviewer.
    {"debug.todo", kMaint, Severity::kInfo, kCodeLanguages,
     R"((?://|#|/\*|\*|<!--)\s*(?:TODO|FIXME|HACK)\b)", "",
     "A TODO/FIXME note is added; make sure it is tracked.", true, true},
};
// clang-format on

}  // namespace

void FindDebugLeftovers(const ChangedFile& file, std::vector<Finding>& findings) {
    static const CompiledLineRules compiled_rules(kRules);
    if (file.binary) {
        return;
    }
    compiled_rules.Apply(file, findings);
}

}  // namespace nectr::analyzers
