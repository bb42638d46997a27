// Drives the GitHub stand-in (tests/node/github_fake.mjs) and sends signed webhook deliveries.
import { createHmac, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";

export function webhookExamples(sourceDir) {
  const require = createRequire(path.join(sourceDir, "tests/node/package.json"));
  return require("@octokit/webhooks-examples/api.github.com/index.json");
}

// The first pull_request example Nectr routes to a review: opened, open and not a draft.
export function reviewablePull(sourceDir) {
  const entry = webhookExamples(sourceDir).find((e) => e.name === "pull_request");
  const example = entry.examples.find(
    (e) => e.action === "opened" && e.pull_request?.state === "open" && !e.pull_request?.draft,
  );
  if (!example) {
    throw new Error("no opened pull_request example");
  }
  return example;
}

export async function control(fakeUrl, method, route, body) {
  const response = await fetch(fakeUrl + route, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
  }
  return response.json();
}

export function liveHookSecret(state, repo) {
  const hook = state.hooks.find((h) => h.repo === repo && !h.deleted);
  return hook?.config?.secret ?? "";
}

export async function deliver(baseUrl, event, payload, secret) {
  const body = JSON.stringify(payload);
  const signature = "sha256=" + createHmac("sha256", secret).update(body).digest("hex");
  const response = await fetch(baseUrl + "/api/v1/webhooks/github", {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "X-GitHub-Event": event,
      "X-GitHub-Delivery": randomUUID(),
      "X-Hub-Signature-256": signature,
    },
    body,
  });
  return response.status;
}

// A small diff with added lines for the reviewer to comment on.
export const kDiff = `diff --git a/src/greet.js b/src/greet.js
index 1111111..2222222 100644
--- a/src/greet.js
+++ b/src/greet.js
@@ -1,3 +1,5 @@
 export function greet(name) {
-  return "Hello " + name;
+  const greeting = "Hello, " + name;
+  console.log(greeting);
+  return greeting;
 }
`;
