// Scripted failures for the test peers (github_fake.mjs, model_fake.mjs): a test queues faults
// through POST /__nectr/faults and the next matching requests fail as a flaky network or an
// overloaded API would, instead of being answered.
//
// A fault is {match, kind, times?, status?, headers?, body?, process?}:
//   match    a regular expression tested against "METHOD /path" (the query string left off)
//   times    how many matching requests it hits (default 1; -1 for every one)
//   kind     "status"          answer `status` with `headers` and `body` (a string, or JSON);
//                              with `process: true` the request is handled first and its answer
//                              replaced, as when GitHub posts a review and still answers 502
//            "hang"            never answer; the connection stays open until the client leaves
//            "close_mid_body"  send 200 headers and half of a JSON body, then reset the socket
//            "malformed"       answer 200 with a JSON content type and a body that is not JSON
// Faults are tried in the order they were queued; a used-up fault is dropped.

export class FaultPlan {
  constructor() {
    this.pending = [];
    this.applied = []; // {match, kind, request}: what was done to which request
  }

  add(faults) {
    for (const fault of faults ?? []) {
      if (!fault.match || !fault.kind) throw new Error("a fault needs `match` and `kind`");
      this.pending.push({ times: 1, ...fault, pattern: new RegExp(fault.match) });
    }
    return this.pending.length;
  }

  // The fault the request hits, counted as used; null when none matches.
  take(method, path) {
    const request = `${method} ${path}`;
    const index = this.pending.findIndex((fault) => fault.pattern.test(request));
    if (index < 0) return null;
    const fault = this.pending[index];
    if (fault.times > 0 && --fault.times === 0) this.pending.splice(index, 1);
    this.applied.push({ match: fault.match, kind: fault.kind, request });
    return fault;
  }

  state() {
    return {
      pending: this.pending.map(({ pattern, ...fault }) => fault),
      applied: this.applied,
    };
  }
}

// A stand-in for a ServerResponse that swallows the answer: the request is processed, and the
// fault decides what the client sees.
export function discardingResponse() {
  return {
    headersSent: false,
    destroyed: false,
    statusCode: 200,
    setHeader() {},
    getHeader() {},
    writeHead(status) {
      this.statusCode = status;
      this.headersSent = true;
      return this;
    },
    write() {
      return true;
    },
    end() {
      this.headersSent = true;
    },
    on() {
      return this;
    },
  };
}

// Answers `res` as the fault says. `process(res)` runs the peer's normal handling of the
// request, for faults that fail after the work is done.
export async function applyFault(fault, req, res, process) {
  switch (fault.kind) {
    case "status": {
      if (fault.process) await process(discardingResponse());
      const text =
        typeof fault.body === "string" ? fault.body : JSON.stringify(fault.body ?? { message: "fault" });
      res.writeHead(fault.status ?? 500, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(text),
        ...(fault.headers ?? {}),
      });
      res.end(text);
      return;
    }
    case "hang":
      // Nothing is sent; the socket closes when the client gives up or the peer stops.
      return;
    case "close_mid_body": {
      const text = JSON.stringify({ id: "cut", object: "chat.completion", choices: [] });
      res.writeHead(200, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(text) * 2,
      });
      res.write(text.slice(0, Math.floor(text.length / 2)));
      setTimeout(() => req.socket.destroy(), 20);
      return;
    }
    case "malformed": {
      const text = '{"id": "bad", "choices": [ {"message": ';
      res.writeHead(200, {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(text),
      });
      res.end(text);
      return;
    }
    default:
      throw new Error(`unknown fault kind ${fault.kind}`);
  }
}
