// A slow OpenAI-compatible model server for bench/pipeline: every POST .../chat/completions
// is answered after --delay seconds with a chat completion whose message is a JSON review of
// the first file in the prompt. It keeps no limit on connections, so the client decides how
// many requests are in flight. GET /stats reports how many requests were waiting at most
// (peak), answered, and rejected; GET /stats?reset=1 starts the counters again.
//
//   node bench/pipeline/slow_model_server.mjs --delay 5 [--port 0]
//
// Prints "listening on http://127.0.0.1:PORT/v1" once it accepts connections.
import http from 'node:http';

function option(name, fallback) {
    const index = process.argv.indexOf(name);
    return index >= 0 ? process.argv[index + 1] : fallback;
}

const delayMs = Number(option('--delay', '5')) * 1000;
const port = Number(option('--port', '0'));
const stats = { waiting: 0, peak: 0, answered: 0, rejected: 0 };

// The review the "model" writes: one comment on the first line of the first file's first
// hunk that the change touches, as a real answer would point at a changed line.
function reviewFor(prompt) {
    const file = /^## (\S+)\n<diff>\n`{4,}\n[\s\S]*?^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/m.exec(prompt);
    const comments = file ? [{
        path: file[1],
        line: Number(file[2]) + 3,
        severity: 'medium',
        category: 'correctness',
        body: 'The result of this lookup is used without checking that the entry exists; ' +
            'return the not-found error the callers already handle.',
    }] : [];
    return {
        summary: 'Moves retry and validation out of the handlers; one lookup lost its check.',
        verdict: 'NEEDS_DISCUSSION',
        comments,
    };
}

function reject(res, status, message) {
    stats.rejected++;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { message, type: 'invalid_request_error' } }));
}

function answer(req, res, raw) {
    let body;
    try {
        body = JSON.parse(raw);
    } catch {
        return reject(res, 400, 'the body is not JSON');
    }
    if (typeof body.model !== 'string' || !Array.isArray(body.messages) ||
        body.messages.length === 0) {
        return reject(res, 400, 'model and messages are required');
    }
    const prompt = body.messages.filter((m) => m.role === 'user' && typeof m.content === 'string')
        .map((m) => m.content).join('\n');
    const content = JSON.stringify(reviewFor(prompt));
    stats.waiting++;
    stats.peak = Math.max(stats.peak, stats.waiting);
    let done = false;
    const finish = () => {
        if (!done) {
            done = true;
            stats.waiting--;
        }
    };
    res.on('close', finish);
    setTimeout(() => {
        finish();
        stats.answered++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({
            id: `chatcmpl-${stats.answered}`,
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model: body.model,
            choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
            usage: { prompt_tokens: Math.ceil(raw.length / 4), completion_tokens: 120 },
        }));
    }, delayMs);
}

const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url.startsWith('/stats')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(stats));
        if (req.url.includes('reset=1')) {
            Object.assign(stats, { peak: stats.waiting, answered: 0, rejected: 0 });
        }
        return;
    }
    if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
        return reject(res, 404, `no route for ${req.method} ${req.url}`);
    }
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => answer(req, res, Buffer.concat(chunks).toString('utf8')));
});
// Idle keep-alive connections stay open between runs; a request may wait as long as it likes.
server.keepAliveTimeout = 60_000;
server.requestTimeout = 0;
server.listen({ host: '127.0.0.1', port, backlog: 4096 }, () => {
    console.log(`listening on http://127.0.0.1:${server.address().port}/v1`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
