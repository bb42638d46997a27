#include "analyzers/risky_calls.hpp"

#include "analyzers/line_rules.hpp"

namespace nectr::analyzers {
namespace {

using L = Language;

constexpr std::string_view kSec = kCategorySecurity;

constexpr LanguageSet kCodeAndSettings = {L::kC,      L::kCpp,    L::kCSharp,     L::kGo,
                                          L::kJava,   L::kKotlin, L::kJavaScript, L::kPhp,
                                          L::kPython, L::kRuby,   L::kRust,       L::kScala,
                                          L::kSwift,  L::kShell,  L::kConfig,     L::kUnknown};
// Where shell command lines live: scripts, Dockerfiles, CI configuration, Makefiles.
constexpr LanguageSet kScripts = {L::kShell, L::kConfig, L::kUnknown};

// The SQL statements whose text, when built from pieces, invites injection.
// Upper or lower case only: "Select a file from the list" is prose, not SQL.
#define NECTR_SQL_STATEMENT                                                        \
    R"((?:SELECT\s.*\bFROM\b|select\s.*\bfrom\b|INSERT\s+INTO\b|insert\s+into\b|)" \
    R"(UPDATE\s+\S+\s+SET\b|update\s+\S+\s+set\b|DELETE\s+FROM\b|delete\s+from\b))"
// What joins a literal to a value: +, % (Python), .format(, . $var (PHP).
#define NECTR_SQL_JOIN R"((?:\+|%\s*[\w(]|\.\s*format\s*\(|\.\s*\$))"

// Fields: id, category, severity, languages, pattern, unless, message.
// clang-format off
constexpr LineRule kRules[] = {
    // Dynamic code
    {"risky.eval", kSec, Severity::kHigh, {L::kPython},
     R"((?:^|[^\w.])(?:eval|exec)\s*\()", "",
     "eval/exec runs a string as code; if any part of it comes from input, that is code "
     "injection."},
    {"risky.eval", kSec, Severity::kHigh, {L::kJavaScript},
     R"((?:^|[^\w.$])eval\s*\(|\bnew\s+Function\s*\()"
     R"(|\bset(?:Timeout|Interval)\s*\(\s*["'`])", "",
     "This runs a string as code; if any part of it comes from input, that is code injection."},
    {"risky.eval", kSec, Severity::kHigh, {L::kPhp, L::kRuby},
     R"((?:^|[^\w>:$.])(?:eval|create_function|instance_eval|class_eval)\s*[\( ])", "",
     "This runs a string as code; if any part of it comes from input, that is code injection."},
    // Unsafe deserialization
    {"risky.deserialization", kSec, Severity::kHigh, {L::kPython},
     R"(\b(?:c?[Pp]ickle|dill|joblib|shelve|marshal)\.loads?\s*\()", "",
     "Unpickling data runs code chosen by whoever wrote that data; never load untrusted input."},
    {"risky.deserialization", kSec, Severity::kHigh, {L::kPython},
     R"(\byaml\.(?:load|load_all|unsafe_load|full_load)\s*\()",
     R"(\bLoader\s*=\s*(?:yaml\.)?C?SafeLoader\b)",
     "yaml.load without SafeLoader can build arbitrary Python objects; use yaml.safe_load."},
    {"risky.deserialization", kSec, Severity::kHigh, {L::kJava, L::kKotlin, L::kScala},
     R"(\bnew\s+ObjectInputStream\s*\()", "",
     "Java deserialization of untrusted bytes can run code; prefer a data format such as JSON."},
    {"risky.deserialization", kSec, Severity::kHigh, {L::kPhp},
     R"((?:^|[^\w>:$])unserialize\s*\()", R"(allowed_classes\W+false)",
     "unserialize() on untrusted data can instantiate objects; use json_decode."},
    {"risky.deserialization", kSec, Severity::kHigh, {L::kRuby},
     R"(\bMarshal\.load\s*\(|\bYAML\.load\s*\()", "",
     "Marshal.load / YAML.load on untrusted data can build arbitrary objects; use "
     "YAML.safe_load."},
    // Shell commands
    {"risky.shell-command", kSec, Severity::kHigh, {L::kPython},
     R"(\bshell\s*=\s*True\b)", "",
     "shell=True passes the command through a shell; build an argument list instead."},
    {"risky.shell-command", kSec, Severity::kHigh, {L::kPython},
     R"(\bos\.(?:system|popen)\s*\(|\bcommands\.getoutput\s*\()", "",
     "This runs a shell command line; use subprocess with an argument list."},
    {"risky.shell-command", kSec, Severity::kHigh, {L::kJavaScript},
     R"(\bexec(?:Sync)?\s*\(\s*(?:`[^`]*\$\{|["'][^"']*["']\s*\+))", "",
     "A shell command is built from a string with values in it; use execFile/spawn with an "
     "argument list."},
    {"risky.shell-command", kSec, Severity::kHigh, {L::kGo},
     R"(\bexec\.Command(?:Context)?\s*\((?:[^,]+,\s*)?)"
     R"("(?:/bin/|/usr/bin/)?(?:ba|z)?sh"\s*,\s*"-c")", "",
     "exec.Command(\"sh\", \"-c\", ...) runs a shell command line; pass arguments directly."},
    {"risky.shell-command", kSec, Severity::kHigh, {L::kJava, L::kKotlin, L::kScala},
     R"(\bRuntime\.getRuntime\(\)\.exec\s*\()", "",
     "Runtime.exec with a command string is split naively and easy to inject; use "
     "ProcessBuilder with an argument list."},
    {"risky.shell-command", kSec, Severity::kHigh, {L::kC, L::kCpp},
     R"((?:^|[^\w.>:])(?:std::)?(?:system|popen)\s*\()", "",
     "system()/popen() run a shell command line; use an exec-family call with arguments."},
    {"risky.shell-command", kSec, Severity::kHigh, {L::kPhp},
     R"((?:^|[^\w>:$])(?:exec|shell_exec|system|passthru|popen|proc_open)\s*\()", "",
     "This runs a shell command line; escape every argument or avoid the shell."},
    {"risky.shell-command", kSec, Severity::kMedium, kScripts,
     R"(\b(?:curl|wget)\b[^|]*\|\s*(?:sudo\s+)?(?:ba|z)?sh\b)", "",
     "A download is piped straight into a shell; pin and verify it first."},
    // HTML injection
    {"risky.html-injection", kSec, Severity::kMedium, {L::kJavaScript},
     R"(\.(?:inner|outer)HTML\s*(?:\+)?=[^=]|\bdangerouslySetInnerHTML\b)"
     R"(|\bdocument\.write(?:ln)?\s*\(|\.insertAdjacentHTML\s*\()",
     R"((?:inner|outer)HTML\s*=\s*(?:""|''|``)\s*;?\s*$)",
     "HTML is written from a string; if any part comes from input, that is cross-site "
     "scripting. Use textContent or escape it."},
    // SQL built from strings
    {"risky.sql-injection", kSec, Severity::kHigh, kCodeLanguages,
     R"("[^"]*)" NECTR_SQL_STATEMENT R"([^"]*"\s*)" NECTR_SQL_JOIN
     R"(|'[^']*)" NECTR_SQL_STATEMENT R"([^']*'\s*)" NECTR_SQL_JOIN, "",
     "SQL is built by concatenating or formatting values; use bound parameters."},
    {"risky.sql-injection", kSec, Severity::kHigh, {L::kPython},
     R"(\bf"[^"]*)" NECTR_SQL_STATEMENT R"([^"]*\{)"
     R"(|\bf'[^']*)" NECTR_SQL_STATEMENT R"([^']*\{)", "",
     "SQL is built with an f-string; use bound parameters."},
    {"risky.sql-injection", kSec, Severity::kHigh, {L::kJavaScript},
     R"((?:^|[^\w.$])`[^`]*)" NECTR_SQL_STATEMENT R"([^`]*\$\{)", "",
     "SQL is built with a template string; use bound parameters or a tagged sql template."},
    {"risky.sql-injection", kSec, Severity::kHigh, kCodeLanguages,
     R"(\b(?:Sprintf|String\.format|format!|sprintf|snprintf|fmt::format|std::format))"
     R"(\s*\([^"]*")" NECTR_SQL_STATEMENT, "",
     "SQL is built with a format function; use bound parameters."},
    // Memory safety
    {"risky.unsafe-c-string", kSec, Severity::kMedium, {L::kC, L::kCpp},
     R"((?:^|[^\w.>:])(?:std::)?(?:strcpy|strcat|sprintf|vsprintf|gets)\s*\()", "",
     "This C string function does not know the destination's size; use a bounded form "
     "(snprintf, strlcpy) or std::string."},
    {"risky.unsafe-block", kSec, Severity::kMedium, {L::kRust},
     R"(\bunsafe\s*\{)", "",
     "An unsafe block: state the invariant that makes it sound in a SAFETY comment."},
    // Transport security
    {"risky.tls-verification-off", kSec, Severity::kHigh, kCodeAndSettings,
     R"(\bverify\s*=\s*False\b|\bInsecureSkipVerify\s*:\s*true\b)"
     R"(|\brejectUnauthorized\s*:\s*false\b|NODE_TLS_REJECT_UNAUTHORIZED\W+0\b)"
     R"(|CURLOPT_SSL_VERIFY(?:PEER|HOST)\s*,\s*(?:false|0)\b|\bVERIFY_NONE\b)"
     R"(|\bssl_verify\s*[:=]\s*false\b|\bcheck_hostname\s*=\s*False\b|\bCERT_NONE\b)"
     R"(|\bdanger_accept_invalid_certs\s*\(\s*true)", "",
     "TLS certificate verification is turned off, which allows a man-in-the-middle."},
    {"risky.tls-verification-off", kSec, Severity::kMedium, kScripts,
     R"(\bcurl\b.*\s(?:-k|--insecure)\b|\bwget\b.*\s--no-check-certificate\b)", "",
     "TLS certificate verification is turned off, which allows a man-in-the-middle."},
    // Permissions
    {"risky.world-writable", kSec, Severity::kMedium, kCodeAndSettings,
     R"(\b(?i:chmod)\w*\b.*(?:\s|,\s*|\()(?:0o?)?777\b)"
     R"(|\bchmod\s+(?:-R\s+)?(?:a|ugo)\+rwx\b)", "",
     "Mode 777 lets every user on the machine change or replace this file."},
};
// clang-format on

#undef NECTR_SQL_STATEMENT
#undef NECTR_SQL_JOIN

}  // namespace

void FindRiskyCalls(const ChangedFile& file, std::vector<Finding>& findings) {
    static const CompiledLineRules compiled_rules(kRules);
    // Tests call risky things on purpose (eval of fixtures, TLS off against a local server).
    if (file.binary || IsTestPath(file.path)) {
        return;
    }
    compiled_rules.Apply(file, findings);
}

}  // namespace nectr::analyzers
