#include "analyzers/debug_leftovers.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "unit/analyzers/test_files.hpp"

namespace nectr::analyzers {
namespace {

using testing::FileWith;
using testing::RulesOf;

std::vector<std::string> Rules(const std::string& path, const std::string& line) {
    std::vector<Finding> findings;
    FindDebugLeftovers(FileWith(path, {line}), findings);
    return RulesOf(findings);
}

using Rules_ = std::vector<std::string>;

TEST(DebugLeftoversTest, FindsLeftoversInEachLanguage) {
    struct Case {
        const char* path;
        const char* line;
        const char* rule;
    };
    for (const Case& c : {
             Case{"web/src/App.tsx", "  console.log('state', state);", "debug.console-log"},
             Case{"web/src/api.js", "console.debug(x)", "debug.console-log"},
             Case{"web/src/api.js", "    debugger;", "debug.debugger"},
             Case{"app/views.py", "    print(request.POST)", "debug.print"},
             Case{"app/views.py", "    breakpoint()", "debug.breakpoint"},
             Case{"app/views.py", "import pdb; pdb.set_trace()", "debug.breakpoint"},
             Case{"app/views.py", "    import ipdb", "debug.breakpoint"},
             Case{"pkg/server/handler.go", "\tfmt.Println(\"got\", req)", "debug.print"},
             Case{"src/main/java/Foo.java", "System.out.println(x);", "debug.print"},
             Case{"src/main/java/Foo.java", "} catch (E e) { e.printStackTrace(); }",
                  "debug.print"},
             Case{"src/lib.rs", "    dbg!(&value);", "debug.dbg"},
             Case{"src/lib.rs", "    println!(\"{:?}\", value);", "debug.print"},
             Case{"app/Http/Controller.php", "    var_dump($request);", "debug.print"},
             Case{"app/Http/Controller.php", "    dd($user);", "debug.print"},
             Case{"app/models/user.rb", "    binding.pry", "debug.breakpoint"},
             Case{"src/net.cpp", "    std::cerr << \"DEBUG: fd=\" << fd;", "debug.print"},
             Case{"src/net.c", "    printf(\"here\\n\");", "debug.print"},
             Case{"src/net.c", "    /* TODO: handle EINTR */", "debug.todo"},
             Case{"app/views.py", "    # FIXME this leaks", "debug.todo"},
         }) {
        EXPECT_EQ(Rules(c.path, c.line), Rules_{c.rule}) << c.path << ": " << c.line;
    }
}

TEST(DebugLeftoversTest, LeavesOrdinaryCodeAlone) {
    struct Case {
        const char* path;
        const char* line;
    };
    for (const Case& c : {
             Case{"web/src/App.tsx", "logger.log('state')"},
             Case{"web/src/App.tsx", "const debuggerEnabled = true;"},
             Case{"web/src/App.tsx", "// console.log('old')"},
             Case{"app/views.py", "    self.print_summary()"},
             Case{"app/views.py", "    pprint.pformat(x)"},
             Case{"app/views.py", "    # print(x) kept for reference"},
             Case{"pkg/server/handler.go", "\tfmt.Sprintf(\"%d\", n)"},
             Case{"pkg/server/handler.go", "\tfmt.Fprintln(w, \"ok\")"},
             Case{"src/net.cpp", "    std::cout << result << '\\n';"},
             Case{"src/net.c", "    printf(\"%d\\n\", total);"},
             Case{"app/Http/Controller.php", "    $this->dd($x);"},
             Case{"app/Http/Controller.php", "    add($x);"},
             Case{"src/lib.rs", "    eprintln!(\"warning: {}\", e);"},
             Case{"src/net.c", "    int todo_count = 0;"},
         }) {
        EXPECT_TRUE(Rules(c.path, c.line).empty()) << c.path << ": " << c.line;
    }
}

TEST(DebugLeftoversTest, DoesNotCheckDocumentationOrConfiguration) {
    EXPECT_TRUE(Rules("README.md", "console.log('hello'); debugger;").empty());
    EXPECT_TRUE(Rules("docs/guide.rst", "    print(x)  # TODO").empty());
    EXPECT_TRUE(Rules("config/app.yaml", "# TODO: remove").empty());
    EXPECT_TRUE(Rules("notes.txt", "breakpoint()").empty());
}

TEST(DebugLeftoversTest, AllowsPrintsInTestsButNotBreakpoints) {
    EXPECT_TRUE(Rules("tests/test_views.py", "    print(response.content)").empty());
    EXPECT_TRUE(Rules("web/src/api.test.ts", "console.log(result)").empty());
    EXPECT_TRUE(Rules("pkg/server/handler_test.go", "\tfmt.Println(got)").empty());
    EXPECT_EQ(Rules("tests/test_views.py", "    breakpoint()"), Rules_{"debug.breakpoint"});
    EXPECT_EQ(Rules("web/src/api.test.ts", "  debugger"), Rules_{"debug.debugger"});
}

TEST(DebugLeftoversTest, TodoIsInformationOnly) {
    std::vector<Finding> findings;
    FindDebugLeftovers(FileWith("src/a.go", {"// TODO(#12): retry"}), findings);
    ASSERT_EQ(findings.size(), 1u);
    EXPECT_EQ(findings[0].severity, Severity::kInfo);
    EXPECT_EQ(findings[0].category, "maintainability");
}

}  // namespace
}  // namespace nectr::analyzers
