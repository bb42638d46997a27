// A scripted model server for end-to-end review tests, speaking the OpenAI chat completions
// wire format (POST /v1/chat/completions). It answers with a JSON review that comments on a
// line it finds in the request's diff (the first added line of the first file in the prompt),
// after an optional read_file tool call and an optional delay, and records every request.
//
// It also serves POST /v1/embeddings in OpenAI's shape, with deterministic vectors: the text's
// identifier words (split on camelCase, snake_case and punctuation, lower-cased) hashed into
// 64 dimensions and normalised, so that texts sharing words are similar. The config's
// `synonyms` ({"fragment": "hunk"}) map words before hashing, standing in for a model's sense
// that two words mean one thing.
//
// Usage: node model_fake.mjs [--delay-ms N] [--tool-call]
// Prints "model fake listening on http://127.0.0.1:PORT" once it accepts connections.
//
// Control endpoints:
//   POST /__nectr/config  {delay_ms?, tool_call?, verdict?, outside_comment?, synonyms?}: change
//                         the script from now on; outside_comment adds a remark on a line
//                         outside the diff
//   POST /__nectr/faults  {faults: [...]}: the next matching requests fail (see faults.mjs)
//   GET  /__nectr/state   {config, requests, received, answered, abandoned, embeddings, faults};
//                         each request keeps its prompt (the messages' text); each embeddings
//                         request is {model, inputs, longest (bytes), authorization}
import http from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

import { FaultPlan, applyFault } from "./faults.mjs";

const args = process.argv.slice(2);
const config = {
  delay_ms: Number(argValue("--delay-ms") || 0),
  tool_call: args.includes("--tool-call"),
  verdict: "NEEDS_DISCUSSION",
  outside_comment: false,
  synonyms: {},
};
const state = { requests: [], received: 0, answered: 0, abandoned: 0, embeddings: [] };
const kDimensions = 64;
const faults = new FaultPlan();
let nextId = 1;

function argValue(name) {
  const at = args.indexOf(name);
  return at >= 0 && at + 1 < args.length ? args[at + 1] : "";
}

function send(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

// The first file of the prompt whose diff adds a line: {path, line} of that added line.
function firstAddedLine(prompt) {
  const block = /\n## (.+)\n<diff>\n(`{4,})\n([\s\S]*?)\n\2\n<\/diff>/g;
  for (let match = block.exec(prompt); match; match = block.exec(prompt)) {
    let newLine = 0;
    let inHunk = false;
    for (const line of match[3].split("\n")) {
      const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
      if (header) {
        newLine = Number(header[1]);
        inHunk = true;
      } else if (!inHunk) {
        continue;
      } else if (line.startsWith("+")) {
        return { path: match[1], line: newLine };
      } else if (line.startsWith(" ") || line === "") {
        newLine++;
      }
    }
  }
  return null;
}

function completion(model, message, finishReason) {
  return {
    id: `chatcmpl-${nextId++}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
    usage: { prompt_tokens: 1200, completion_tokens: 150, total_tokens: 1350 },
  };
}

function answer(request) {
  const messages = request.messages ?? [];
  const prompt = messages.find((m) => m.role === "user")?.content ?? "";
  const target = firstAddedLine(prompt);
  const toolResults = messages.filter((m) => m.role === "tool");
  const offersReadFile = (request.tools ?? []).some((t) => t.function?.name === "read_file");
  if (config.tool_call && target && offersReadFile && toolResults.length === 0) {
    const call = {
      id: `call_${nextId++}`,
      type: "function",
      function: {
        name: "read_file",
        arguments: JSON.stringify({ path: target.path, start: 1, end: target.line }),
      },
    };
    const message = { role: "assistant", content: null, tool_calls: [call] };
    return { kind: "tool_call", body: completion(request.model, message, "tool_calls") };
  }
  const comments = [];
  if (target) {
    comments.push({
      path: target.path,
      line: target.line,
      side: "RIGHT",
      severity: "medium",
      category: "correctness",
      body: "Scripted remark: check this added line.",
    });
    if (config.outside_comment) {
      // A line of the same file far from any hunk: GitHub refuses it as an inline comment.
      comments.push({
        path: target.path,
        line: target.line + 500,
        side: "RIGHT",
        severity: "low",
        category: "maintainability",
        body: "Scripted remark on a line outside the diff.",
      });
    }
  }
  const review = {
    summary: "Scripted review: one remark on the first added line.",
    verdict: config.verdict,
    walkthrough: target ? [{ path: target.path, summary: "Changed." }] : [],
    comments,
  };
  const message = { role: "assistant", content: JSON.stringify(review) };
  return { kind: "review", target, body: completion(request.model, message, "stop") };
}

async function chat(req, res, body) {
  let request;
  try {
    request = JSON.parse(body);
  } catch {
    send(res, 400, { error: { message: "invalid JSON", type: "invalid_request_error" } });
    return;
  }
  state.received++;
  const { kind, target, body: reply } = answer(request);
  state.requests.push({
    model: request.model,
    messages: (request.messages ?? []).length,
    tools: (request.tools ?? []).map((t) => t.function?.name),
    json_output: request.response_format?.type === "json_object",
    tool_results: (request.messages ?? []).filter((m) => m.role === "tool").map((m) => m.content),
    // What the model was shown: every message's text, so that tests can check the prompt.
    prompt: (request.messages ?? [])
      .map((m) => (typeof m.content === "string" ? m.content : JSON.stringify(m.content ?? "")))
      .join("\n"),
    answer: kind,
    target: target ?? null,
  });
  if (config.delay_ms > 0) await sleep(config.delay_ms);
  if (res.destroyed || req.socket.destroyed) {
    state.abandoned++; // the caller went away while we were "thinking"
    return;
  }
  state.answered++;
  send(res, 200, reply);
}

// Identifier words as the code index splits them: parseDiffHunk, parse_diff_hunk and
// "parse diff hunk" all give parse, diff, hunk.
function words(text) {
  const out = [];
  for (const token of text.split(/[^A-Za-z0-9]+/)) {
    for (const part of token.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? []) {
      const word = part.toLowerCase();
      // Own properties only: "constructor" is a word of code, not Object's constructor.
      const synonyms = config.synonyms ?? {};
      out.push(Object.hasOwn(synonyms, word) ? String(synonyms[word]) : word);
    }
  }
  return out;
}

// FNV-1a, 32 bits: the same dimension for a word in every run.
function dimensionOf(word) {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(word, "utf8")) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  return hash % kDimensions;
}

function embed(text) {
  const vector = new Array(kDimensions).fill(0);
  for (const word of words(text)) vector[dimensionOf(word)] += 1;
  const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  return norm > 0 ? vector.map((value) => value / norm) : vector;
}

async function embeddings(req, res, body) {
  let request;
  try {
    request = JSON.parse(body);
  } catch {
    send(res, 400, { error: { message: "invalid JSON", type: "invalid_request_error" } });
    return;
  }
  const input = request.input;
  const texts = typeof input === "string" ? [input] : input;
  if (!Array.isArray(texts) || texts.length === 0 || texts.some((t) => typeof t !== "string")) {
    send(res, 400, {
      error: {
        message: "'input' is a required property: a string or an array of strings",
        type: "invalid_request_error",
        param: "input",
        code: null,
      },
    });
    return;
  }
  state.embeddings.push({
    model: request.model,
    inputs: texts.length,
    longest: Math.max(...texts.map((text) => Buffer.byteLength(text, "utf8"))),
    first: texts[0].slice(0, 200),
    authorization: req.headers.authorization ?? null,
  });
  const data = texts.map((text, index) => ({ object: "embedding", index, embedding: embed(text) }));
  // Listed last to first: clients must place vectors by `index`, not by position.
  data.reverse();
  const tokens = texts.reduce((sum, text) => sum + words(text).length, 0);
  send(res, 200, {
    object: "list",
    data,
    model: request.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const path = new URL(req.url, "http://fake.invalid").pathname;
    if (req.method === "POST" && path === "/v1/chat/completions") {
      const fault = faults.take(req.method, path);
      const handled = fault
        ? applyFault(fault, req, res, (response) => chat(req, response, body))
        : chat(req, res, body);
      handled.catch((error) => {
        if (!res.headersSent) send(res, 500, { error: { message: String(error) } });
      });
    } else if (req.method === "POST" && path === "/v1/embeddings") {
      const fault = faults.take(req.method, path);
      const handled = fault
        ? applyFault(fault, req, res, (response) => embeddings(req, response, body))
        : embeddings(req, res, body);
      handled.catch((error) => {
        if (!res.headersSent) send(res, 500, { error: { message: String(error) } });
      });
    } else if (req.method === "POST" && path === "/__nectr/faults") {
      try {
        send(res, 200, { pending: faults.add(JSON.parse(body || "{}").faults) });
      } catch (error) {
        send(res, 400, { error: { message: String(error) } });
      }
    } else if (req.method === "POST" && path === "/__nectr/config") {
      Object.assign(config, JSON.parse(body || "{}"));
      send(res, 200, config);
    } else if (req.method === "GET" && path === "/__nectr/state") {
      send(res, 200, { config, ...state, faults: faults.state() });
    } else {
      const error = { message: `no route ${req.method} ${path}`, type: "invalid_request_error" };
      send(res, 404, { error });
    }
  });
  res.on("error", () => {});
});

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`model fake listening on http://127.0.0.1:${server.address().port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
