// A reverse proxy that adds `Authorization: Bearer <token>` to every request it forwards, for
// MCP clients that cannot send headers of their own (the inspector's CLI). Responses, server-sent
// event streams included, are streamed back as they arrive.
// Prints "auth proxy listening on http://127.0.0.1:PORT" once ready.
// Usage: node mcp_auth_proxy.mjs <target base URL> <token>
import http from "node:http";

const [target, token] = process.argv.slice(2);
if (!target || !token) {
  process.stderr.write("usage: node mcp_auth_proxy.mjs <target base URL> <token>\n");
  process.exit(2);
}
const upstream = new URL(target);

const server = http.createServer((request, response) => {
  const headers = { ...request.headers, host: upstream.host, authorization: `Bearer ${token}` };
  const forwarded = http.request(
    {
      hostname: upstream.hostname,
      port: upstream.port,
      path: request.url,
      method: request.method,
      headers,
    },
    (answer) => {
      response.writeHead(answer.statusCode, answer.headers);
      answer.pipe(response);
    },
  );
  forwarded.on("error", (error) => {
    process.stderr.write(`proxy: ${error.message}\n`);
    if (!response.headersSent) {
      response.writeHead(502, { "content-type": "text/plain" });
    }
    response.end();
  });
  request.pipe(forwarded);
  // A client that goes away (the end of an SSE stream) ends the upstream request too.
  response.on("close", () => forwarded.destroy());
});

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`auth proxy listening on http://127.0.0.1:${server.address().port}\n`);
});
