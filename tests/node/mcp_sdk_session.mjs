// A scripted session of the official TypeScript SDK's client against `nectr serve` over
// Streamable HTTP: initialize, list tools, call tools, list and read resources, then the same
// with a wrong token (refused) and a question about a repository the token's owner cannot see.
// Prints one JSON report on standard output for the test to check; exits 0 when the session
// ran to the end (the report says what each step answered), 1 when a step threw unexpectedly.
// Usage: node mcp_sdk_session.mjs <nectr base URL> <token> <repo> <pull number> <other repo>
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

const [baseUrl, token, repo, number, otherRepo] = process.argv.slice(2);
const endpoint = new URL("/mcp", baseUrl);

function connect(bearer) {
  const transport = new StreamableHTTPClientTransport(endpoint, {
    requestInit: { headers: { Authorization: `Bearer ${bearer}` } },
  });
  const client = new Client({ name: "nectr-sdk-session", version: "1.0.0" });
  return { client, transport };
}

function text(result) {
  return (result.content ?? result.contents ?? []).map((item) => item.text ?? "").join("");
}

const report = {};
try {
  const { client, transport } = connect(token);
  await client.connect(transport);
  report.server = client.getServerVersion();
  report.session_id = transport.sessionId ?? null;
  report.tools = (await client.listTools()).tools.map((tool) => tool.name);

  const recent = await client.callTool({ name: "get_recent_reviews", arguments: { repo, limit: 5 } });
  report.recent = { isError: recent.isError ?? false, structured: recent.structuredContent ?? null };
  const verdict = await client.callTool({
    name: "get_pr_verdict",
    arguments: { repo, number: Number(number) },
  });
  report.verdict = { isError: verdict.isError ?? false, structured: verdict.structuredContent ?? null };

  const resources = await client.listResources();
  report.resources = resources.resources.map((resource) => resource.uri);
  const map = await client.readResource({ uri: `nectr://repos/${repo}/project-map` });
  report.project_map = text(map);

  // Another user's repository answers like one that does not exist.
  const hidden = await client.callTool({ name: "get_recent_reviews", arguments: { repo: otherRepo } });
  report.other_repo = { isError: hidden.isError ?? false, text: text(hidden) };
  try {
    await client.readResource({ uri: `nectr://repos/${otherRepo}/project-map` });
    report.other_map = { refused: false };
  } catch (error) {
    report.other_map = { refused: true, code: error.code ?? null, message: String(error.message) };
  }
  await transport.terminateSession();
  await client.close();

  // A wrong token: the SDK reports the HTTP status the server refused the initialize with.
  const wrong = connect("nectr_not_a_real_token");
  try {
    await wrong.client.connect(wrong.transport);
    report.wrong_token = { refused: false };
  } catch (error) {
    report.wrong_token = { refused: true, message: String(error.message), code: error.code ?? null };
  }
  const raw = await fetch(endpoint, {
    method: "POST",
    headers: {
      Authorization: "Bearer nectr_not_a_real_token",
      "Content-Type": "application/json",
      Accept: "application/json, text/event-stream",
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "ping" }),
  });
  report.wrong_token.status = raw.status;
  report.wrong_token.challenge = raw.headers.get("www-authenticate");
} catch (error) {
  report.error = String(error.stack ?? error);
  process.stdout.write(JSON.stringify(report) + "\n");
  process.exit(1);
}
process.stdout.write(JSON.stringify(report) + "\n");
