#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora into tests/fuzz/corpus/<target>/ from the real
fixtures: the diffs in tests/fixtures/diffs, GitHub's example webhook payloads
(@octokit/webhooks-examples in tests/node/node_modules), the .nectr.toml example of
docs/nectr-toml.md, and hand-written requests and model answers. Rerun it after a fixture
changes; the seeds are committed so that the corpus replay test needs none of the sources."""
import hashlib
import hmac
import json
import pathlib
import re

ROOT = pathlib.Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests/fuzz/corpus"
EXAMPLES = ROOT / "tests/node/node_modules/@octokit/webhooks-examples/api.github.com/index.json"
# Kept in step with kSecret in webhook_target.cpp, so that signed seeds pass authentication.
WEBHOOK_SECRET = b"fuzz-webhook-secret"
# Examples above this size add little coverage and slow the fuzzer's mutations.
MAX_WEBHOOK_EXAMPLE_BYTES = 48 * 1024


def write(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (folder / name).write_bytes(data)


def diff_seeds():
    for path in sorted((ROOT / "tests/fixtures/diffs").glob("*.patch")):
        write("diff_parser", path.stem, path.read_bytes())
    write("diff_parser", "rename_and_mode",
          "diff --git a/old.txt b/new.txt\nold mode 100644\nnew mode 100755\n"
          "similarity index 90%\nrename from old.txt\nrename to new.txt\n"
          "--- a/old.txt\n+++ b/new.txt\n@@ -1,2 +1,2 @@ fn\n a\n-b\n+c\n")
    write("diff_parser", "binary_and_new",
          "diff --git a/img.png b/img.png\nnew file mode 100644\nindex 0000000..1111111\n"
          "Binary files /dev/null and b/img.png differ\n"
          "diff --git a/n.c b/n.c\nnew file mode 100644\n--- /dev/null\n+++ b/n.c\n"
          "@@ -0,0 +1 @@\n+int x;\n\\ No newline at end of file\n")
    write("diff_parser", "quoted_crlf",
          'diff --git "a/dir/tab\\there.txt" "b/caf\\303\\251.txt"\r\n'
          '--- "a/dir/tab\\there.txt"\r\n+++ "b/caf\\303\\251.txt"\r\n@@ -3 +3,2 @@\r\n-x\r\n+y\r\n+z\r\n')
    write("diff_parser", "plain_diff_u",
          "--- a.txt\t2024-01-01 00:00:00\n+++ b.txt\t2024-01-02 00:00:00\n"
          "@@ -1,3 +1,3 @@\n one\n-two\n+TWO\n three\n")
    write("diff_parser", "patch_field", "@@ -10,4 +10,5 @@ class A\n a\n-b\n+c\n+d\n e\n f\n")


def webhook_seeds():
    events = json.loads(EXAMPLES.read_text())
    wanted = {"pull_request", "issue_comment", "push", "installation",
              "installation_repositories", "ping", "check_run", "pull_request_review"}
    count = 0
    for event in events:
        name = event["name"]
        examples = sorted(event["examples"], key=lambda e: len(json.dumps(e)))
        seen_actions = set()
        for example in examples:
            action = example.get("action", "")
            if action in seen_actions or (name not in wanted and seen_actions):
                continue
            body = json.dumps(example, separators=(",", ":")).encode()
            if len(body) > MAX_WEBHOOK_EXAMPLE_BYTES:
                continue
            seen_actions.add(action)
            signature = "sha256=" + hmac.new(WEBHOOK_SECRET, body, hashlib.sha256).hexdigest()
            head = (f"X-GitHub-Event: {name}\n"
                    f"X-GitHub-Delivery: 72d3162e-cc78-11e3-81ab-4c9367dc{count:04x}\n"
                    f"X-Hub-Signature-256: {signature}\n"
                    "Content-Type: application/json\n"
                    "X-GitHub-Hook-ID: 42\n"
                    "X-GitHub-Hook-Installation-Target-Type: repository\n"
                    "X-GitHub-Hook-Installation-Target-ID: 7\n\n")
            write("webhook", f"{name}.{action or 'none'}", head.encode() + body)
            count += 1
    comment = {"action": "created", "issue": {"number": 3, "pull_request": {}},
               "comment": {"id": 9, "body": "```\n/nectr help\n```\n  /NECTR review please",
                           "user": {"login": "octocat", "type": "User"}},
               "repository": {"full_name": "o/r", "id": 1, "default_branch": "main"}}
    form = "payload=" + re.sub(r"[^A-Za-z0-9_.-]",
                               lambda m: "%%%02X" % ord(m.group(0)), json.dumps(comment))
    write("webhook", "form_encoded_command",
          "X-GitHub-Event: issue_comment\nX-GitHub-Delivery: 72d3162e-cc78-11e3-81ab-4c9367dc0fff\n"
          "X-Hub-Signature-256: sha256=\nContent-Type: application/x-www-form-urlencoded\n\n" + form)


def json_rpc_seeds():
    seeds = {
        "initialize": {"jsonrpc": "2.0", "id": 0, "method": "initialize",
                       "params": {"protocolVersion": "2025-06-18", "capabilities": {},
                                  "clientInfo": {"name": "inspector", "version": "1"}}},
        "ping": {"jsonrpc": "2.0", "id": "a", "method": "ping"},
        "tools_list": {"jsonrpc": "2.0", "id": 2, "method": "tools/list", "params": {"cursor": "x"}},
        "tools_call": {"jsonrpc": "2.0", "id": 3, "method": "tools/call",
                       "params": {"name": "read_arguments",
                                  "arguments": {"repo": "octo/cat", "limit": "5", "query": "q",
                                                "paths": ["a", "b"], "since": "2025-01-02T03:04:05.678Z"}}},
        "tools_call_unknown": {"jsonrpc": "2.0", "id": 4, "method": "tools/call",
                               "params": {"name": "nope", "arguments": []}},
        "resources": [{"jsonrpc": "2.0", "id": 5, "method": "resources/list"},
                      {"jsonrpc": "2.0", "id": 6, "method": "resources/read",
                       "params": {"uri": "nectr://repos/o/r/project-map"}},
                      {"jsonrpc": "2.0", "id": 7, "method": "resources/templates/list"}],
        "notification": {"jsonrpc": "2.0", "method": "notifications/initialized"},
        "response": {"jsonrpc": "2.0", "id": 8, "result": {}},
        "batch_mixed": [{"jsonrpc": "2.0", "id": 9, "method": "ping"}, 1, {"jsonrpc": "1.0"}],
    }
    for name, message in seeds.items():
        write("json_rpc", name, json.dumps(message))
    write("json_rpc", "not_json", "{nope")
    write("json_rpc", "sse_stream",
          'event: message\ndata: {"jsonrpc":"2.0","id":1,\ndata: "method":"ping"}\n\n: comment\n\n')


def http_seeds():
    seeds = {
        "get_health": "GET /health HTTP/1.1\r\nHost: x\r\n\r\n",
        "get_reviews_query": "GET /api/v1/reviews?repo=o%2Fr&limit=5&cursor=abc&status=204 HTTP/1.1\r\n"
                             "Host: x\r\nX-Request-Id: abc-123\r\nCookie: a=b; nectr_session=tok\r\n\r\n",
        "keep_alive_pair": "GET /api/v1/reviews/17 HTTP/1.1\r\nHost: x\r\n\r\n"
                           "HEAD /api/v1/repos/o/r/graph/a/b%20c HTTP/1.0\r\n\r\n",
        "post_chunked": "POST /api/v1/webhooks/github HTTP/1.1\r\nHost: x\r\nOrigin: http://127.0.0.1:8000\r\n"
                        "Transfer-Encoding: chunked\r\nX-Echo: ok\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n",
        "post_length": "POST /api/v1/webhooks/github HTTP/1.1\r\nContent-Length: 2\r\n"
                       "Referer: http://127.0.0.1:8000/x\r\n\r\n{}",
        "absolute_form": "GET http://h/api/v1/memory/project-map?since=2025-01-01 HTTP/1.1\r\n\r\n",
        "wrong_method": "DELETE /api/v1/tokens/12 HTTP/1.1\r\n\r\nPUT /health HTTP/1.1\r\n\r\n",
        "analytics": "GET /api/v1/repos/o/r/settings?since=30d&until=2025-02-01&group=week HTTP/1.1\r\n\r\n",
    }
    for name, request in seeds.items():
        write("http_request", name, request)


def repo_config_seeds():
    text = (ROOT / "docs/nectr-toml.md").read_text()
    for index, block in enumerate(re.findall(r"```toml\n(.*?)```", text, re.S)):
        write("repo_config", f"docs_example_{index}", block)
    write("repo_config", "minimal", 'profile = "chill"\n')
    write("repo_config", "errors", 'max_comments = 0\nunknown = 1\nignore_paths = "x"\n[table]\n')
    write("repo_config", "globs", 'ignore_paths = ["**/", "[!a-", "\\\\*", "/build", "a/**/b"]\n')


def model_output_seeds():
    review = {"summary": "Adds a parser.", "verdict": "REQUEST_CHANGES",
              "walkthrough": [{"path": "src/app.cpp", "summary": "new parser"}],
              "comments": [{"path": "src/app.cpp", "line": "12", "start_line": 14,
                            "severity": "HIGH", "category": "security", "body": "Unchecked size.",
                            "suggestion": "if (n > max) { return; }"},
                           {"path": "elsewhere.cpp", "line": 1, "body": "dropped"}]}
    text = json.dumps(review)
    write("model_output", "bare", text)
    write("model_output", "fenced", "Here is my review:\n```json\n" + text + "\n```\nThanks!")
    write("model_output", "prose_braces", "Use {placeholder} then " + text + " done {")
    write("model_output", "anthropic_body", json.dumps({
        "id": "msg_1", "type": "message", "role": "assistant", "model": "m",
        "content": [{"type": "text", "text": text}], "stop_reason": "end_turn",
        "usage": {"input_tokens": 10, "output_tokens": 20}}))
    write("model_output", "openai_body", json.dumps({
        "id": "c1", "object": "chat.completion", "model": "m",
        "choices": [{"index": 0, "finish_reason": "stop",
                     "message": {"role": "assistant", "content": text}}],
        "usage": {"prompt_tokens": 1, "completion_tokens": 2}}))
    write("model_output", "error_body", '{"error":{"type":"rate_limit_error","message":"slow down"}}')


def main():
    # Files written by hand (crash-* reproducers of fixed bugs) are kept.
    diff_seeds()
    webhook_seeds()
    json_rpc_seeds()
    http_seeds()
    repo_config_seeds()
    model_output_seeds()
    for folder in sorted(CORPUS.iterdir()):
        print(f"{folder.name}: {len(list(folder.iterdir()))} seeds")


if __name__ == "__main__":
    main()
