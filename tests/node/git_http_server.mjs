// Git's smart HTTP protocol for end-to-end tests: serves the bare repositories under a folder
// through `git http-backend` (run as a CGI program, as a web server runs it), and refuses
// every request that lacks the expected token the way GitHub does: 401 with a Basic challenge.
// The token must arrive as "Authorization: Basic base64(x-access-token:<token>)".
//
// Usage: node git_http_server.mjs --root DIR --token TOKEN
// Prints "git server listening on http://127.0.0.1:PORT" once it accepts connections; clone
// URLs are http://127.0.0.1:PORT/<owner>/<name>.git for DIR/<owner>/<name>.git.
//
// Control endpoint: GET /__nectr/state answers {requests: [{method, path, authorized}]}.
import http from "node:http";
import { spawn } from "node:child_process";

const args = process.argv.slice(2);
const root = argValue("--root");
const token = argValue("--token");
const expected = "Basic " + Buffer.from("x-access-token:" + token).toString("base64");
const requests = [];

function argValue(name) {
  const at = args.indexOf(name);
  return at >= 0 && at + 1 < args.length ? args[at + 1] : "";
}

function cgiEnvironment(req, url) {
  const env = {
    PATH: process.env.PATH,
    GIT_PROJECT_ROOT: root,
    GIT_HTTP_EXPORT_ALL: "1",
    REQUEST_METHOD: req.method,
    PATH_INFO: decodeURIComponent(url.pathname),
    QUERY_STRING: url.search.startsWith("?") ? url.search.slice(1) : "",
    CONTENT_TYPE: req.headers["content-type"] || "",
    REMOTE_ADDR: "127.0.0.1",
    REMOTE_USER: "x-access-token",
  };
  if (req.headers["content-length"]) {
    env.CONTENT_LENGTH = req.headers["content-length"];
  }
  if (req.headers["content-encoding"]) {
    env.HTTP_CONTENT_ENCODING = req.headers["content-encoding"];
  }
  if (req.headers["git-protocol"]) {
    env.GIT_PROTOCOL = req.headers["git-protocol"];
  }
  return env;
}

// Splits the CGI program's output into its headers (with "Status") and the body.
function answerFromCgi(output, res) {
  let split = output.indexOf("\r\n\r\n");
  let gap = 4;
  if (split < 0) {
    split = output.indexOf("\n\n");
    gap = 2;
  }
  if (split < 0) {
    res.writeHead(502, { "Content-Type": "text/plain" });
    res.end("git http-backend printed no headers");
    return;
  }
  let status = 200;
  const headers = {};
  for (const line of output.subarray(0, split).toString("latin1").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon < 0) {
      continue;
    }
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === "status") {
      status = parseInt(value, 10);
    } else {
      headers[name] = value;
    }
  }
  res.writeHead(status, headers);
  res.end(output.subarray(split + gap));
}

function serveGit(req, res, url) {
  const child = spawn("git", ["http-backend"], { env: cgiEnvironment(req, url) });
  const chunks = [];
  child.stdout.on("data", (chunk) => chunks.push(chunk));
  child.stderr.on("data", (chunk) => process.stderr.write(chunk));
  child.on("error", (error) => {
    res.writeHead(500, { "Content-Type": "text/plain" });
    res.end(String(error));
  });
  child.on("close", () => answerFromCgi(Buffer.concat(chunks), res));
  req.pipe(child.stdin);
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, "http://127.0.0.1");
  if (url.pathname === "/__nectr/state") {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify({ requests }));
    return;
  }
  const authorized = req.headers.authorization === expected;
  requests.push({ method: req.method, path: url.pathname, authorized });
  if (!authorized) {
    req.resume();
    res.writeHead(401, {
      "Content-Type": "text/plain",
      "WWW-Authenticate": 'Basic realm="GitHub"',
    });
    res.end("Invalid username or token.");
    return;
  }
  serveGit(req, res, url);
});

server.listen(0, "127.0.0.1", () => {
  console.log(`git server listening on http://127.0.0.1:${server.address().port}`);
});
