// An MCP server on the official TypeScript SDK with tools shaped like an issue tracker's
// (get_issue), an error tracker's (search_issues) and a chat tool's (search_messages), for the
// tests of Nectr's MCP client and review integrations. Serves:
//   /mcp             Streamable HTTP (stateful sessions)
//   /sse, /messages  the legacy HTTP+SSE transport
//   /hang/mcp        accepts the request and never answers (a hanging server)
//   /broken/mcp      answers 500
// Requests to /mcp and /sse must carry `Authorization: Bearer test-token`.
// Prints `listening <port>` once ready. Usage: node mcp_tools_server.mjs [port]
import http from "node:http";
import { randomUUID } from "node:crypto";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { SSEServerTransport } from "@modelcontextprotocol/sdk/server/sse.js";
import { z } from "zod";

function makeServer() {
  const server = new McpServer({ name: "nectr-test-tools", version: "1.0.0" });
  server.registerTool(
    "get_issue",
    { description: "An issue by key", inputSchema: { id: z.string() } },
    async ({ id }) => {
      if (id === "NOPE-1") {
        return { isError: true, content: [{ type: "text", text: `no issue ${id}` }] };
      }
      return { content: [{ type: "text", text: `Issue ${id}: Checkout fails for EU cards (status: In Progress)` }] };
    },
  );
  server.registerTool(
    "search_issues",
    { description: "Recent production errors matching a query", inputSchema: { query: z.string() } },
    async ({ query }) => ({
      content: [{ type: "text", text: `TypeError in ${query}: cannot read properties of undefined (42 events in 24h)` }],
    }),
  );
  server.registerTool(
    "search_messages",
    { description: "Recent chat messages matching a query", inputSchema: { query: z.string() } },
    async ({ query }) => ({
      content: [{ type: "text", text: `#payments: "heads up, ${query} changes the retry logic" (yesterday)` }],
    }),
  );
  return server;
}

const streamable = new Map(); // session id -> transport
const legacy = new Map(); // session id -> transport

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : undefined;
}

const httpServer = http.createServer(async (req, res) => {
  const url = new URL(req.url, "http://localhost");
  if (url.pathname === "/hang/mcp") {
    req.resume(); // never answered
    return;
  }
  if (url.pathname === "/broken/mcp") {
    res.writeHead(500).end("broken");
    return;
  }
  if (req.headers.authorization !== "Bearer test-token" && url.pathname !== "/messages") {
    res.writeHead(401).end("unauthorized");
    return;
  }
  try {
    if (url.pathname === "/mcp") {
      const body = req.method === "POST" ? await readBody(req) : undefined;
      const id = req.headers["mcp-session-id"];
      let transport = id ? streamable.get(id) : undefined;
      if (!transport) {
        transport = new StreamableHTTPServerTransport({
          sessionIdGenerator: () => randomUUID(),
          onsessioninitialized: (sid) => streamable.set(sid, transport),
        });
        await makeServer().connect(transport);
      }
      await transport.handleRequest(req, res, body);
      return;
    }
    if (url.pathname === "/sse" && req.method === "GET") {
      const transport = new SSEServerTransport("/messages", res);
      legacy.set(transport.sessionId, transport);
      res.on("close", () => legacy.delete(transport.sessionId));
      await makeServer().connect(transport);
      return;
    }
    if (url.pathname === "/messages" && req.method === "POST") {
      const transport = legacy.get(url.searchParams.get("sessionId"));
      if (!transport) {
        res.writeHead(404).end("no session");
        return;
      }
      await transport.handlePostMessage(req, res, await readBody(req));
      return;
    }
    res.writeHead(404).end("not found");
  } catch (error) {
    if (!res.headersSent) res.writeHead(500).end(String(error));
  }
});

httpServer.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => {
  console.log(`listening ${httpServer.address().port}`);
});
process.on("SIGTERM", () => process.exit(0));
