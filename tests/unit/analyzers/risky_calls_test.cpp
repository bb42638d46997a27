#include "analyzers/risky_calls.hpp"

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
    FindRiskyCalls(FileWith(path, {line}), findings);
    return RulesOf(findings);
}

using Rules_ = std::vector<std::string>;

struct Case {
    const char* path;
    const char* line;
    const char* rule;
};

TEST(RiskyCallsTest, FindsRiskyCallsInEachLanguage) {
    for (const Case& c : {
             Case{"app/calc.py", "    return eval(expression)", "risky.eval"},
             Case{"app/calc.py", "exec(code, {})", "risky.eval"},
             Case{"app/cache.py", "    obj = pickle.loads(blob)", "risky.deserialization"},
             Case{"app/conf.py", "cfg = yaml.load(open(path))", "risky.deserialization"},
             Case{"app/run.py", "subprocess.run(cmd, shell=True)", "risky.shell-command"},
             Case{"app/run.py", "os.system('rm -rf ' + path)", "risky.shell-command"},
             Case{"app/http.py", "requests.get(url, verify=False)", "risky.tls-verification-off"},
             Case{"app/files.py", "os.chmod(path, 0o777)", "risky.world-writable"},
             Case{"app/db.py", "cur.execute(\"SELECT * FROM users WHERE id = \" + uid)",
                  "risky.sql-injection"},
             Case{"app/db.py", "cur.execute(\"DELETE FROM t WHERE id = %s\" % uid)",
                  "risky.sql-injection"},
             Case{"app/db.py", "cur.execute(f\"UPDATE users SET name = '{name}'\")",
                  "risky.sql-injection"},
             Case{"app/db.py", "q = \"INSERT INTO t VALUES ({})\".format(v)",
                  "risky.sql-injection"},
             Case{"web/src/run.js", "const f = new Function('a', body);", "risky.eval"},
             Case{"web/src/run.js", "  eval(userInput)", "risky.eval"},
             Case{"web/src/view.ts", "el.innerHTML = comment.body;", "risky.html-injection"},
             Case{"web/src/View.tsx", "<div dangerouslySetInnerHTML={{__html: html}} />",
                  "risky.html-injection"},
             Case{"web/src/db.ts", "db.query(`SELECT * FROM users WHERE name = '${name}'`)",
                  "risky.sql-injection"},
             Case{"web/src/sh.ts", "execSync(`git log ${branch}`)", "risky.shell-command"},
             Case{"web/src/http.ts", "const agent = new Agent({ rejectUnauthorized: false });",
                  "risky.tls-verification-off"},
             Case{"src/copy.c", "    strcpy(dst, src);", "risky.unsafe-c-string"},
             Case{"src/copy.cpp", "    std::sprintf(buf, \"%s\", name);", "risky.unsafe-c-string"},
             Case{"src/copy.c", "    gets(line);", "risky.unsafe-c-string"},
             Case{"src/run.cpp", "    std::system(command.c_str());", "risky.shell-command"},
             Case{"pkg/run/run.go", "cmd := exec.Command(\"sh\", \"-c\", script)",
                  "risky.shell-command"},
             Case{"pkg/run/run.go", "cmd := exec.CommandContext(ctx, \"/bin/bash\", \"-c\", s)",
                  "risky.shell-command"},
             Case{"pkg/net/tls.go", "cfg := &tls.Config{InsecureSkipVerify: true}",
                  "risky.tls-verification-off"},
             Case{"pkg/db/q.go", "q := fmt.Sprintf(\"SELECT name FROM users WHERE id=%s\", id)",
                  "risky.sql-injection"},
             Case{"src/main/java/Run.java", "Runtime.getRuntime().exec(cmd);",
                  "risky.shell-command"},
             Case{"src/main/java/Load.java", "var in = new ObjectInputStream(socket.in());",
                  "risky.deserialization"},
             Case{"src/ffi.rs", "    let v = unsafe { *ptr };", "risky.unsafe-block"},
             Case{"app/Load.php", "$data = unserialize($_COOKIE['d']);", "risky.deserialization"},
             Case{"app/Run.php", "shell_exec('ls ' . $dir);", "risky.shell-command"},
             Case{"scripts/install.sh", "curl -fsSL https://x.example/i.sh | sudo bash",
                  "risky.shell-command"},
             Case{"scripts/install.sh", "chmod -R 777 /var/www", "risky.world-writable"},
             Case{"Dockerfile", "RUN curl -k https://internal/cert.pem -o c.pem",
                  "risky.tls-verification-off"},
         }) {
        EXPECT_EQ(Rules(c.path, c.line), Rules_{c.rule}) << c.path << ": " << c.line;
    }
}

TEST(RiskyCallsTest, LeavesSafeFormsAlone) {
    for (const Case& c : {
             Case{"app/calc.py", "model.eval()", ""},
             Case{"app/calc.py", "cursor.execute(query, params)", ""},
             Case{"app/conf.py", "cfg = yaml.safe_load(f)", ""},
             Case{"app/conf.py", "cfg = yaml.load(f, Loader=yaml.SafeLoader)", ""},
             Case{"app/run.py", "subprocess.run(['git', 'log'], shell=False)", ""},
             Case{"app/db.py", "cur.execute(\"SELECT * FROM users WHERE id = %s\", (uid,))", ""},
             Case{"app/ui.py", "label = \"Select a file from the list: \" + name", ""},
             Case{"app/http.py", "requests.get(url, verify=True)", ""},
             Case{"app/http.py", "# never pass verify=False here", ""},
             Case{"web/src/view.ts", "el.textContent = comment.body;", ""},
             Case{"web/src/view.ts", "el.innerHTML = '';", ""},
             Case{"web/src/view.ts", "if (el.innerHTML === prev) {}", ""},
             Case{"web/src/db.ts", "db.query(sql`SELECT * FROM users WHERE name = ${name}`)", ""},
             Case{"web/src/re.ts", "const m = pattern.exec(text);", ""},
             Case{"web/src/re.ts", "// eval(x) is forbidden", ""},
             Case{"src/copy.cpp", "    std::snprintf(buf, sizeof buf, \"%s\", name);", ""},
             Case{"src/copy.cpp", "    my::strcpy_safe(dst, src);", ""},
             Case{"src/copy.cpp", "    const int system_id = 4;", ""},
             Case{"src/copy.cpp", "    ecosystem(x);", ""},
             Case{"pkg/run/run.go", "cmd := exec.Command(\"git\", \"log\")", ""},
             Case{"src/ffi.rs", "    // unsafe { } is avoided here", ""},
             Case{"src/ffi.rs", "    let unsafe_count = 0;", ""},
             Case{"scripts/install.sh", "chmod 755 /usr/local/bin/nectr", ""},
             Case{"scripts/install.sh", "curl -fsSL https://x.example/i.sh -o i.sh", ""},
             Case{"README.md", "Never write eval(input) or pickle.loads(data).", ""},
         }) {
        EXPECT_TRUE(Rules(c.path, c.line).empty()) << c.path << ": " << c.line;
    }
}

TEST(RiskyCallsTest, DoesNotCheckTestFiles) {
    EXPECT_TRUE(Rules("tests/test_api.py", "requests.get(url, verify=False)").empty());
    EXPECT_TRUE(Rules("pkg/net/tls_test.go", "InsecureSkipVerify: true,").empty());
}

TEST(RiskyCallsTest, ReportsEachRuleOncePerLineWithItsCategory) {
    std::vector<Finding> findings;
    FindRiskyCalls(FileWith("app/x.py", {"eval(a); eval(b)", "ok = 1", "os.system(c)"}, 5),
                   findings);
    ASSERT_EQ(findings.size(), 2u);
    EXPECT_EQ(findings[0].line, 5);
    EXPECT_EQ(findings[1].line, 7);
    for (const Finding& finding : findings) {
        EXPECT_EQ(finding.category, "security");
        EXPECT_GE(finding.severity, Severity::kMedium);
        EXPECT_FALSE(finding.message.empty());
    }
}

}  // namespace
}  // namespace nectr::analyzers
