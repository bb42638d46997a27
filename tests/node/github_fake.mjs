// A GitHub REST API for end-to-end review tests: serves the pull requests, diffs, files and
// contents a test registers, stores the reviews and comments Nectr posts, and refuses what
// GitHub refuses (a review comment on a line outside the diff is a 422). Every request is also
// sent to Prism, which serves GitHub's OpenAPI description and validates the request; the
// violations it reports about the request are kept for the test to assert on.
//
// Usage: node github_fake.mjs [--prism URL]
// Prints "github fake listening on http://127.0.0.1:PORT" once it accepts connections.
//
// Control endpoints (JSON in, JSON out):
//   POST /__nectr/pulls     {repo, number, pull_request, diff, diff_status?}: register a pull
//                           request; diff_status (e.g. 406) refuses the diff media type the way
//                           GitHub does for very large diffs, leaving the files list
//   POST /__nectr/contents  {repo, path, ref?, content}: a file (any ref when ref is absent)
//   POST /__nectr/compare   {repo, base, head, comparison}: an answer for compare base...head
//   POST /__nectr/reviews   {repo, number, body, commit_id, event?}: a review already on GitHub
//   POST /__nectr/users     {code, token, user: {id, login, name?, email?}, repos: [{full_name,
//                           id, admin}], installations: [id]}: an account that signs in with
//                           the OAuth code `code` (exchanged once for `token`), sees `repos`
//                           (GET /user/repos) and the App installations listed
//   POST /__nectr/faults    {faults: [...]}: the next matching API requests fail (faults.mjs)
//   POST /__nectr/review_replies {repo, number, in_reply_to_id, body, login}: a person's reply
//                           in the thread of an inline review comment; answers {id}
//   POST /__nectr/reactions {comment_id, content, login}: a reaction to an inline comment
//   GET  /__nectr/state     {reviews, comments, hooks, violations, rejected, requests, errors,
//                           review_comments, faults}; each request records the token it carried
//
// Inline comments of posted reviews get ids and are served at GET .../pulls/comments/{id},
// .../pulls/{n}/reviews/{review_id}/comments and .../pulls/comments/{id}/reactions.
//
// The OAuth web flow's token exchange (POST /login/oauth/access_token) answers as GitHub's
// documentation says: 200 with the token, or 200 with an `error` for a code it does not know.
// Its authorize page (GET /login/oauth/authorize), which a browser visits, approves at once:
// it redirects to redirect_uri with the newest registered code not yet exchanged and the state.
import http from "node:http";
import { createHash } from "node:crypto";

import { FaultPlan, applyFault } from "./faults.mjs";

const args = process.argv.slice(2);
const prismUrl = argValue("--prism");

function argValue(name) {
  const at = args.indexOf(name);
  return at >= 0 && at + 1 < args.length ? args[at + 1] : "";
}

const pulls = new Map(); // "owner/repo#n" -> {pull_request, diff, diff_status, files}
const contents = new Map(); // "owner/repo:path" -> [{ref, content}]
const comparisons = new Map(); // "owner/repo:base...head" -> comparison
const accounts = new Map(); // token -> {user, repos, installations}
const codes = new Map(); // OAuth code -> token, each good for one exchange
const state = {
  hooks: [], // repository webhooks created: {id, repo, config, events, active, deleted}
  reviews: [], // every review on the fake, seeded or posted
  comments: [], // issue comments posted
  violations: [], // {method, url, violations}: Prism's findings about requests
  rejected: [], // {method, url, status, message}: requests the fake refused like GitHub
  requests: [], // {method, url, accept, status, prism_status}
  errors: [], // the fake's own failures (a bug in a test or here)
  review_comments: [], // inline comments: {repo, number, review_id, id, path, line, body, login}
};
const faults = new FaultPlan();
const reactions = new Map(); // inline comment id -> [{id, content, login}]
let nextId = 4000000001;

// ---- the unified diff, as GitHub uses it -------------------------------------------------

function stripPrefix(path) {
  const clean = path.replace(/\t.*$/, "");
  if (clean === "/dev/null") return null;
  return clean.replace(/^[ab]\//, "");
}

// Splits a unified diff into GitHub's files: filename, status, counts, the patch (hunks only)
// and, per side, the lines a review comment may name, each with the hunk it belongs to.
function parseDiff(text) {
  const files = [];
  let file = null;
  let oldLeft = 0;
  let newLeft = 0;
  let oldLine = 0;
  let newLine = 0;
  let hunk = -1;
  const lines = text.split("\n");
  if (lines.length && lines[lines.length - 1] === "") lines.pop();
  const startFile = () => {
    file = {
      filename: null,
      previous_filename: null,
      status: "modified",
      additions: 0,
      deletions: 0,
      patchLines: [],
      binary: false,
      right: new Map(),
      left: new Map(),
      sawHunk: false,
    };
    files.push(file);
    hunk = -1;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\r$/, "");
    const inHunk = oldLeft > 0 || newLeft > 0;
    if (inHunk && file) {
      const tag = line[0];
      if (tag === "+") {
        file.right.set(newLine++, hunk);
        newLeft--;
        file.additions++;
      } else if (tag === "-") {
        file.left.set(oldLine++, hunk);
        oldLeft--;
        file.deletions++;
      } else if (tag === " " || line === "") {
        file.right.set(newLine++, hunk);
        file.left.set(oldLine++, hunk);
        oldLeft--;
        newLeft--;
      }
      file.patchLines.push(lines[i]);
      continue;
    }
    if (line.startsWith("\\") && file && file.sawHunk) {
      file.patchLines.push(lines[i]);
      continue;
    }
    if (line.startsWith("diff --git ")) {
      startFile();
      const match = /^diff --git a\/(.+) b\/(.+)$/.exec(line);
      if (match) {
        file.filename = match[2];
        file.previous_filename = match[1];
      }
      continue;
    }
    if (line.startsWith("--- ") && i + 1 < lines.length && lines[i + 1].startsWith("+++ ")) {
      if (!file || file.sawHunk) startFile();
      const oldPath = stripPrefix(line.slice(4));
      const newPath = stripPrefix(lines[i + 1].replace(/\r$/, "").slice(4));
      if (oldPath === null) file.status = "added";
      if (newPath === null) file.status = "removed";
      file.filename = newPath ?? oldPath;
      file.previous_filename = oldPath ?? newPath;
      i++;
      continue;
    }
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (header && file) {
      oldLine = Number(header[1]);
      oldLeft = header[2] === undefined ? 1 : Number(header[2]);
      newLine = Number(header[3]);
      newLeft = header[4] === undefined ? 1 : Number(header[4]);
      hunk++;
      file.sawHunk = true;
      file.patchLines.push(lines[i]);
      continue;
    }
    if (!file) continue;
    if (line.startsWith("new file mode")) file.status = "added";
    else if (line.startsWith("deleted file mode")) file.status = "removed";
    else if (line.startsWith("rename from ")) {
      file.status = "renamed";
      file.previous_filename = line.slice("rename from ".length);
    } else if (line.startsWith("rename to ")) {
      file.status = "renamed";
      file.filename = line.slice("rename to ".length);
    } else if (line.startsWith("Binary files ")) file.binary = true;
  }
  return files.map((f) => ({
    ...f,
    patch: f.patchLines.join("\n"),
    previous_filename: f.status === "renamed" ? f.previous_filename : null,
  }));
}

function fileEntry(repo, headSha, f) {
  const sha = createHash("sha1").update(f.filename).digest("hex");
  const entry = {
    sha,
    filename: f.filename,
    status: f.status,
    additions: f.additions,
    deletions: f.deletions,
    changes: f.additions + f.deletions,
    blob_url: `https://github.com/${repo}/blob/${headSha}/${f.filename}`,
    raw_url: `https://github.com/${repo}/raw/${headSha}/${f.filename}`,
    contents_url: `https://api.github.com/repos/${repo}/contents/${f.filename}?ref=${headSha}`,
  };
  if (!f.binary) entry.patch = f.patch;
  if (f.previous_filename) entry.previous_filename = f.previous_filename;
  return entry;
}

// ---- GitHub-shaped objects -----------------------------------------------------------------

function botUser() {
  return {
    login: "nectr[bot]",
    id: 9919,
    node_id: "MDM6Qm90OTkxOQ==",
    avatar_url: "https://avatars.githubusercontent.com/in/9919?v=4",
    gravatar_id: "",
    url: "https://api.github.com/users/nectr%5Bbot%5D",
    html_url: "https://github.com/apps/nectr",
    followers_url: "https://api.github.com/users/nectr%5Bbot%5D/followers",
    following_url: "https://api.github.com/users/nectr%5Bbot%5D/following{/other_user}",
    gists_url: "https://api.github.com/users/nectr%5Bbot%5D/gists{/gist_id}",
    starred_url: "https://api.github.com/users/nectr%5Bbot%5D/starred{/owner}{/repo}",
    subscriptions_url: "https://api.github.com/users/nectr%5Bbot%5D/subscriptions",
    organizations_url: "https://api.github.com/users/nectr%5Bbot%5D/orgs",
    repos_url: "https://api.github.com/users/nectr%5Bbot%5D/repos",
    events_url: "https://api.github.com/users/nectr%5Bbot%5D/events{/privacy}",
    received_events_url: "https://api.github.com/users/nectr%5Bbot%5D/received_events",
    type: "Bot",
    site_admin: false,
  };
}

const kReviewStates = {
  APPROVE: "APPROVED",
  REQUEST_CHANGES: "CHANGES_REQUESTED",
  COMMENT: "COMMENTED",
};

function reviewObject(review) {
  const base = `https://github.com/${review.repo}/pull/${review.number}`;
  return {
    id: review.id,
    node_id: Buffer.from(`PRR_${review.id}`).toString("base64"),
    user: botUser(),
    body: review.body,
    state: review.state,
    html_url: `${base}#pullrequestreview-${review.id}`,
    pull_request_url: `https://api.github.com/repos/${review.repo}/pulls/${review.number}`,
    _links: {
      html: { href: `${base}#pullrequestreview-${review.id}` },
      pull_request: { href: `https://api.github.com/repos/${review.repo}/pulls/${review.number}` },
    },
    submitted_at: review.state === "PENDING" ? undefined : review.submitted_at,
    commit_id: review.commit_id,
    author_association: "NONE",
  };
}

function personUser(login) {
  return { ...botUser(), login, id: 583231, type: "User", url: `https://api.github.com/users/${login}` };
}

function reviewCommentObject(c) {
  const base = `https://api.github.com/repos/${c.repo}`;
  const user = c.login === botUser().login ? botUser() : personUser(c.login);
  const object = {
    url: `${base}/pulls/comments/${c.id}`,
    pull_request_review_id: c.review_id ?? null,
    id: c.id,
    node_id: Buffer.from(`PRRC_${c.id}`).toString("base64"),
    diff_hunk: "@@ -1 +1 @@",
    path: c.path,
    commit_id: "0".repeat(40),
    original_commit_id: "0".repeat(40),
    user,
    body: c.body,
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    html_url: `https://github.com/${c.repo}/pull/${c.number}#discussion_r${c.id}`,
    pull_request_url: `${base}/pulls/${c.number}`,
    author_association: "NONE",
    _links: {
      self: { href: `${base}/pulls/comments/${c.id}` },
      html: { href: `https://github.com/${c.repo}/pull/${c.number}#discussion_r${c.id}` },
      pull_request: { href: `${base}/pulls/${c.number}` },
    },
    line: c.line ?? 1,
  };
  if (c.in_reply_to_id) object.in_reply_to_id = c.in_reply_to_id;
  return object;
}

function reactionObject(r) {
  return {
    id: r.id,
    node_id: Buffer.from(`REA_${r.id}`).toString("base64"),
    user: personUser(r.login),
    content: r.content,
    created_at: "2026-01-01T00:00:00Z",
  };
}

function issueCommentObject(comment) {
  return {
    id: comment.id,
    node_id: Buffer.from(`IC_${comment.id}`).toString("base64"),
    url: `https://api.github.com/repos/${comment.repo}/issues/comments/${comment.id}`,
    html_url:
      `https://github.com/${comment.repo}/pull/${comment.number}` +
      `#issuecomment-${comment.id}`,
    issue_url: `https://api.github.com/repos/${comment.repo}/issues/${comment.number}`,
    body: comment.body,
    user: botUser(),
    created_at: comment.created_at,
    updated_at: comment.created_at,
    author_association: "NONE",
  };
}

// ---- answering -----------------------------------------------------------------------------

function send(res, status, body, headers = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, {
    "content-type":
      typeof body === "string" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    "x-github-media-type": "github.v3; format=json",
    ...headers,
  });
  res.end(text);
  return status;
}

function notFound(res) {
  return send(res, 404, {
    message: "Not Found",
    documentation_url: "https://docs.github.com/rest",
    status: "404",
  });
}

function refuse(res, req, status, message, errors) {
  state.rejected.push({ method: req.method, url: req.url, status, message, errors });
  return send(res, status, {
    message,
    errors,
    documentation_url: "https://docs.github.com/rest",
    status: String(status),
  });
}

// A page of `items` as GitHub serves it, with a Link header when more follow.
function sendPage(res, url, items) {
  const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get("per_page") ?? 30)));
  const page = Math.max(1, Number(url.searchParams.get("page") ?? 1));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const headers = {};
  if (page * perPage < items.length) {
    const next = new URL(url);
    next.searchParams.set("page", String(page + 1));
    headers.link = `<http://api.github.invalid${next.pathname}${next.search}>; rel="next"`;
  }
  return send(res, 200, slice, headers);
}

function checkReviewComment(pull, comment) {
  if (typeof comment.path !== "string" || typeof comment.body !== "string") {
    return "a review comment needs a path and a body";
  }
  const file = pull.files.find((f) => f.filename === comment.path);
  if (!file) return `Path could not be resolved: ${comment.path}`;
  if (comment.position !== undefined) return "position is not used by Nectr";
  if (!Number.isInteger(comment.line)) return "Line could not be resolved";
  const side = comment.side ?? "RIGHT";
  if (side !== "RIGHT" && side !== "LEFT") return `side must be LEFT or RIGHT (got ${side})`;
  const lines = side === "RIGHT" ? file.right : file.left;
  if (!lines.has(comment.line)) {
    return (
      "Pull request review thread line must be part of the diff " +
      `(${comment.path}:${comment.line} ${side})`
    );
  }
  if (comment.start_line !== undefined && comment.start_line !== null) {
    const startSide = comment.start_side ?? side;
    const startLines = startSide === "RIGHT" ? file.right : file.left;
    if (!startLines.has(comment.start_line)) {
      return (
        "Pull request review thread start line must be part of the diff " +
        `(${comment.path}:${comment.start_line} ${startSide})`
      );
    }
    if (startLines.get(comment.start_line) !== lines.get(comment.line)) {
      return "Pull request review thread start line and line must be in the same hunk";
    }
    if (startSide === side && comment.start_line >= comment.line) {
      return "start_line must precede line";
    }
  }
  return null;
}

function addReview(repo, number, fields) {
  const review = {
    repo,
    number,
    id: nextId++,
    body: fields.body ?? "",
    commit_id: fields.commit_id,
    event: fields.event ?? null,
    state: fields.event ? kReviewStates[fields.event] : "PENDING",
    comments: fields.comments ?? [],
    submitted_at: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
  };
  state.reviews.push(review);
  for (const comment of review.comments) {
    state.review_comments.push({
      repo,
      number,
      review_id: review.id,
      id: nextId++,
      path: comment.path,
      line: comment.line,
      body: comment.body,
      login: botUser().login,
    });
  }
  return review;
}

function createReview(req, res, repo, number, body) {
  const pull = pulls.get(`${repo}#${number}`);
  if (!pull) return notFound(res);
  let review;
  try {
    review = JSON.parse(body || "{}");
  } catch {
    return refuse(res, req, 400, "Problems parsing JSON");
  }
  if (review.event !== undefined && !(review.event in kReviewStates)) {
    return refuse(res, req, 422, "Unprocessable Entity", [`event ${review.event} is not valid`]);
  }
  if (review.commit_id !== undefined && review.commit_id !== pull.pull_request.head.sha) {
    // GitHub accepts an older commit of the pull request; Nectr always names the head.
    return refuse(res, req, 422, "Unprocessable Entity", [
      `commit_id ${review.commit_id} is not the head of the pull request`,
    ]);
  }
  const errors = (review.comments ?? []).map((c) => checkReviewComment(pull, c)).filter(Boolean);
  if (errors.length) return refuse(res, req, 422, "Unprocessable Entity", errors);
  const stored = addReview(repo, number, review);
  return send(res, 200, reviewObject(stored));
}

function answerContents(res, repo, path, ref) {
  const entries = contents.get(`${repo}:${path}`) ?? [];
  const entry = entries.find((e) => e.ref === ref) ?? entries.find((e) => e.ref === undefined);
  if (!entry) return notFound(res);
  const bytes = Buffer.from(entry.content);
  const sha = createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
  const base64 = bytes.toString("base64").replace(/(.{60})/g, "$1\n");
  return send(res, 200, {
    type: "file",
    encoding: "base64",
    size: bytes.length,
    name: path.split("/").pop(),
    path,
    content: base64,
    sha,
    url: `https://api.github.com/repos/${repo}/contents/${path}?ref=${ref}`,
    git_url: `https://api.github.com/repos/${repo}/git/blobs/${sha}`,
    html_url: `https://github.com/${repo}/blob/${ref}/${path}`,
    download_url: `https://raw.githubusercontent.com/${repo}/${ref}/${path}`,
    _links: {
      self: `https://api.github.com/repos/${repo}/contents/${path}?ref=${ref}`,
      git: `https://api.github.com/repos/${repo}/git/blobs/${sha}`,
      html: `https://github.com/${repo}/blob/${ref}/${path}`,
    },
  });
}

function bearerToken(req) {
  const match = /^(?:token|bearer)\s+(.+)$/i.exec(req.headers.authorization ?? "");
  return match ? match[1] : "";
}

function repoObject(repo) {
  const [owner, name] = repo.full_name.split("/");
  return {
    id: repo.id,
    node_id: `R_${repo.id}`,
    name,
    full_name: repo.full_name,
    private: true,
    fork: false,
    archived: false,
    owner: { login: owner, id: 1, type: "User" },
    html_url: `https://github.com/${repo.full_name}`,
    default_branch: "main",
    permissions: { admin: Boolean(repo.admin), push: true, pull: true },
  };
}

function hookObject(hook) {
  return {
    type: "Repository",
    id: hook.id,
    name: "web",
    active: hook.active,
    events: hook.events,
    config: { url: hook.config.url, content_type: hook.config.content_type, insecure_ssl: "0" },
    created_at: hook.created_at,
    updated_at: hook.created_at,
  };
}

// The OAuth token exchange of GitHub's web flow (form or JSON body).
function exchangeCode(req, res, body) {
  const type = req.headers["content-type"] ?? "";
  const fields = type.includes("json")
    ? JSON.parse(body || "{}")
    : Object.fromEntries(new URLSearchParams(body));
  const token = codes.get(fields.code ?? "");
  if (!token) {
    return send(res, 200, {
      error: "bad_verification_code",
      error_description: "The code passed is incorrect or expired.",
      error_uri: "https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code",
    });
  }
  codes.delete(fields.code);
  return send(res, 200, { access_token: token, token_type: "bearer", scope: "repo,read:org" });
}

// /user, /user/repos, /user/installations for the account the token belongs to.
function answerUser(req, res, url) {
  const account = accounts.get(bearerToken(req));
  if (!account) {
    return refuse(res, req, 401, "Bad credentials");
  }
  if (url.pathname === "/user") {
    return send(res, 200, {
      login: account.user.login,
      id: account.user.id,
      type: "User",
      name: account.user.name ?? null,
      email: account.user.email ?? null,
      avatar_url: `https://avatars.githubusercontent.com/u/${account.user.id}?v=4`,
    });
  }
  if (url.pathname === "/user/repos") {
    return sendPage(res, url, account.repos.map(repoObject));
  }
  const installations = (account.installations ?? []).map((id) => ({
    id,
    account: { login: account.user.login, id: account.user.id, type: "User" },
    repository_selection: "selected",
  }));
  return send(res, 200, { total_count: installations.length, installations });
}

function answerHooks(req, res, repo, rest, body) {
  let m;
  if (rest === "hooks" && req.method === "POST") {
    const fields = JSON.parse(body || "{}");
    const hook = {
      id: nextId++,
      repo,
      config: fields.config ?? {},
      events: fields.events ?? ["push"],
      active: fields.active ?? true,
      deleted: false,
      token: bearerToken(req),
      created_at: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    };
    state.hooks.push(hook);
    return send(res, 201, hookObject(hook));
  }
  const live = state.hooks.filter((h) => h.repo === repo && !h.deleted);
  if (rest === "hooks" && req.method === "GET") {
    return sendPage(res, url0(req), live.map(hookObject));
  }
  if ((m = /^hooks\/(\d+)$/.exec(rest))) {
    const hook = live.find((h) => h.id === Number(m[1]));
    if (!hook) return notFound(res);
    if (req.method === "DELETE") {
      hook.deleted = true;
      res.writeHead(204);
      res.end();
      return 204;
    }
    if (req.method === "PATCH") {
      const fields = JSON.parse(body || "{}");
      hook.config = { ...hook.config, ...(fields.config ?? {}) };
      return send(res, 200, hookObject(hook));
    }
  }
  return notFound(res);
}

function url0(req) {
  return new URL(req.url, "http://fake.invalid");
}

// Answers a request for the REST API; returns the status sent.
function answerApi(req, res, url, body) {
  const path = url.pathname;
  if (path === "/user" || path === "/user/repos" || path === "/user/installations") {
    return answerUser(req, res, url);
  }
  let m = /^\/repos\/([^/]+)\/([^/]+)\/(.*)$/.exec(path);
  if (!m) return notFound(res);
  const repo = `${decodeURIComponent(m[1])}/${decodeURIComponent(m[2])}`;
  const rest = m[3];
  if (rest === "hooks" || rest.startsWith("hooks/")) {
    return answerHooks(req, res, repo, rest, body);
  }
  if ((m = /^pulls\/(\d+)$/.exec(rest)) && req.method === "GET") {
    const pull = pulls.get(`${repo}#${m[1]}`);
    if (!pull) return notFound(res);
    if ((req.headers.accept ?? "").includes("application/vnd.github.diff")) {
      if (pull.diff_status) {
        const message = "Sorry, the diff exceeded the maximum number of lines (20000)";
        return refuse(res, req, pull.diff_status, message, [
          { resource: "PullRequest", field: "diff", code: "too_large" },
        ]);
      }
      return send(res, 200, pull.diff, {
        "content-type": "application/vnd.github.diff; charset=utf-8",
        "x-github-media-type": "github.v3; param=diff",
      });
    }
    return send(res, 200, pull.pull_request);
  }
  if ((m = /^pulls\/(\d+)\/files$/.exec(rest)) && req.method === "GET") {
    const pull = pulls.get(`${repo}#${m[1]}`);
    if (!pull) return notFound(res);
    const head = pull.pull_request.head.sha;
    return sendPage(res, url, pull.files.map((f) => fileEntry(repo, head, f)));
  }
  if ((m = /^pulls\/(\d+)\/reviews$/.exec(rest))) {
    const number = Number(m[1]);
    if (!pulls.has(`${repo}#${number}`)) return notFound(res);
    if (req.method === "POST") return createReview(req, res, repo, number, body);
    if (req.method === "GET") {
      const mine = state.reviews.filter((r) => r.repo === repo && r.number === number);
      return sendPage(res, url, mine.map(reviewObject));
    }
  }
  if ((m = /^pulls\/comments\/(\d+)$/.exec(rest)) && req.method === "GET") {
    const found = state.review_comments.find((c) => c.repo === repo && c.id === Number(m[1]));
    return found ? send(res, 200, reviewCommentObject(found)) : notFound(res);
  }
  if ((m = /^pulls\/comments\/(\d+)\/reactions$/.exec(rest)) && req.method === "GET") {
    const id = Number(m[1]);
    if (!state.review_comments.some((c) => c.repo === repo && c.id === id)) return notFound(res);
    return sendPage(res, url, (reactions.get(id) ?? []).map(reactionObject));
  }
  if ((m = /^pulls\/(\d+)\/reviews\/(\d+)\/comments$/.exec(rest)) && req.method === "GET") {
    const reviewId = Number(m[2]);
    if (!state.reviews.some((r) => r.repo === repo && r.id === reviewId)) return notFound(res);
    const mine = state.review_comments.filter((c) => c.repo === repo && c.review_id === reviewId);
    return sendPage(res, url, mine.map(reviewCommentObject));
  }
  if ((m = /^issues\/(\d+)\/comments$/.exec(rest)) && req.method === "GET") {
    const number = Number(m[1]);
    const mine = state.comments.filter((c) => c.repo === repo && c.number === number);
    return sendPage(res, url, mine.map(issueCommentObject));
  }
  if ((m = /^issues\/(\d+)\/comments$/.exec(rest)) && req.method === "POST") {
    let fields;
    try {
      fields = JSON.parse(body || "{}");
    } catch {
      return refuse(res, req, 400, "Problems parsing JSON");
    }
    if (typeof fields.body !== "string" || fields.body === "") {
      return refuse(res, req, 422, "Unprocessable Entity", ["body is required"]);
    }
    const comment = {
      repo,
      number: Number(m[1]),
      id: nextId++,
      body: fields.body,
      created_at: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    };
    state.comments.push(comment);
    return send(res, 201, issueCommentObject(comment));
  }
  if ((m = /^contents\/(.+)$/.exec(rest)) && req.method === "GET") {
    const filePath = m[1].split("/").map(decodeURIComponent).join("/");
    return answerContents(res, repo, filePath, url.searchParams.get("ref") ?? "");
  }
  if ((m = /^compare\/(.+)\.\.\.(.+)$/.exec(rest)) && req.method === "GET") {
    const key = `${repo}:${decodeURIComponent(m[1])}...${decodeURIComponent(m[2])}`;
    const comparison = comparisons.get(key);
    return comparison ? send(res, 200, comparison) : notFound(res);
  }
  return notFound(res);
}

// ---- Prism ---------------------------------------------------------------------------------

// Prism's sl-violations list problems with the request and with its own example response
// (some of GitHub's examples lack required fields); only the request's are Nectr's.
function requestViolations(header) {
  if (!header) return [];
  let parsed;
  try {
    parsed = JSON.parse(header);
  } catch {
    return [header];
  }
  if (!Array.isArray(parsed)) return [header];
  return parsed.filter((v) => !(Array.isArray(v?.location) && v.location[0] === "response"));
}

// GitHub reads the rest of a contents URL as the file's path, slashes and all
// (/contents/lib/greeting.js); Prism matches {path} as one segment only. Prism is shown the
// path as a single escaped segment, so that it still checks everything else of the request.
function prismPath(url) {
  const match = /^(\/repos\/[^/]+\/[^/]+\/contents\/)([^?]*)(\?.*)?$/.exec(url);
  if (!match) return url;
  return match[1] + match[2].replaceAll("/", "%2F") + (match[3] ?? "");
}

function forwardToPrism(req, body) {
  return new Promise((resolve) => {
    if (!prismUrl) {
      resolve({ status: 0, violations: ["no Prism URL given (--prism)"] });
      return;
    }
    const target = new URL(prismUrl);
    const headers = { ...req.headers };
    delete headers.host;
    delete headers.connection;
    const forwarded = http.request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: target.pathname.replace(/\/$/, "") + prismPath(req.url),
        headers,
        timeout: 20000,
      },
      (answer) => {
        const parts = [];
        answer.on("data", (chunk) => parts.push(chunk));
        answer.on("end", () => {
          const violations = requestViolations(answer.headers["sl-violations"]);
          // A route or method that GitHub's description lacks is not GitHub's API at all.
          const problem = (answer.headers["content-type"] ?? "").includes("problem+json")
            ? Buffer.concat(parts).toString("utf8")
            : "";
          if (/NO_PATH_MATCHED_ERROR|NO_METHOD_MATCHED_ERROR/.test(problem)) {
            violations.push(JSON.parse(problem));
          }
          resolve({ status: answer.statusCode, violations });
        });
      },
    );
    forwarded.on("timeout", () => forwarded.destroy(new Error("Prism did not answer in 20 s")));
    forwarded.on("error", (error) =>
      resolve({ status: 0, violations: [`Prism: ${error.message}`] }),
    );
    forwarded.end(body);
  });
}

// ---- control -------------------------------------------------------------------------------

function control(req, res, url, body) {
  const input = body ? JSON.parse(body) : {};
  switch (`${req.method} ${url.pathname}`) {
    case "GET /__nectr/state":
      return send(res, 200, {
        ...state,
        reviews: state.reviews.map((r) => ({
          ...reviewObject(r),
          repo: r.repo,
          number: r.number,
          event: r.event,
          comments: r.comments,
        })),
        faults: faults.state(),
      });
    case "POST /__nectr/faults":
      return send(res, 200, { pending: faults.add(input.faults) });
    case "POST /__nectr/pulls": {
      const files = parseDiff(input.diff ?? "");
      pulls.set(`${input.repo}#${input.number}`, {
        pull_request: input.pull_request,
        diff: input.diff ?? "",
        diff_status: input.diff_status ?? 0,
        files,
      });
      return send(res, 200, { files: files.map((f) => f.filename) });
    }
    case "POST /__nectr/contents": {
      const key = `${input.repo}:${input.path}`;
      contents.set(key, [...(contents.get(key) ?? []), { ref: input.ref, content: input.content }]);
      return send(res, 200, {});
    }
    case "POST /__nectr/compare":
      comparisons.set(`${input.repo}:${input.base}...${input.head}`, input.comparison);
      return send(res, 200, {});
    case "POST /__nectr/reviews":
      return send(res, 200, reviewObject(addReview(input.repo, input.number, input)));
    case "POST /__nectr/review_replies": {
      const reply = {
        repo: input.repo,
        number: input.number,
        review_id: null,
        id: nextId++,
        path: state.review_comments.find((c) => c.id === input.in_reply_to_id)?.path ?? "",
        body: input.body,
        login: input.login,
        in_reply_to_id: input.in_reply_to_id,
      };
      state.review_comments.push(reply);
      return send(res, 200, { id: reply.id });
    }
    case "POST /__nectr/reactions": {
      const id = Number(input.comment_id);
      const reaction = { id: nextId++, content: input.content, login: input.login };
      reactions.set(id, [...(reactions.get(id) ?? []), reaction]);
      return send(res, 200, { id: reaction.id });
    }
    case "POST /__nectr/users":
      accounts.set(input.token, {
        user: input.user,
        repos: input.repos ?? [],
        installations: input.installations ?? [],
      });
      codes.set(input.code, input.token);
      return send(res, 200, {});
    default:
      return notFound(res);
  }
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", async () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url, "http://fake.invalid");
    try {
      if (url.pathname.startsWith("/__nectr/")) {
        control(req, res, url, body);
        return;
      }
      if (url.pathname === "/login/oauth/authorize" && req.method === "GET") {
        const code = [...codes.keys()].pop();
        const redirect = url.searchParams.get("redirect_uri");
        if (!code || !redirect) {
          send(res, 400, { message: "no account to sign in, or no redirect_uri" });
          return;
        }
        const back = new URL(redirect);
        back.searchParams.set("code", code);
        back.searchParams.set("state", url.searchParams.get("state") ?? "");
        res.writeHead(302, { Location: back.toString() });
        res.end();
        state.requests.push({ method: req.method, url: req.url, status: 302, token: "" });
        return;
      }
      if (url.pathname === "/login/oauth/access_token" && req.method === "POST") {
        // github.com, not the REST API: not in the API's description, so not sent to Prism.
        const status = exchangeCode(req, res, body);
        state.requests.push({ method: req.method, url: req.url, status, token: "" });
        return;
      }
      const prism = await forwardToPrism(req, body);
      if (prism.violations.length) {
        state.violations.push({ method: req.method, url: req.url, violations: prism.violations });
      }
      const fault = faults.take(req.method, url.pathname);
      let status;
      if (fault) {
        await applyFault(fault, req, res, async (response) => answerApi(req, response, url, body));
        status = fault.kind === "status" ? (fault.status ?? 500) : 0;
      } else {
        status = answerApi(req, res, url, body);
      }
      state.requests.push({
        method: req.method,
        url: req.url,
        accept: req.headers.accept ?? "",
        status,
        prism_status: prism.status,
        token: bearerToken(req),
        fault: fault?.kind ?? "",
      });
    } catch (error) {
      state.errors.push(`${req.method} ${req.url}: ${error.stack ?? error}`);
      if (!res.headersSent) send(res, 500, { message: String(error) });
    }
  });
  res.on("error", () => {}); // a client that went away
});

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`github fake listening on http://127.0.0.1:${server.address().port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
