// Prints one JSON line per GitHub webhook example of the given events, with the body exactly
// as it will be sent and its X-Hub-Signature-256 computed by GitHub's own reference library.
// Usage: node sign_examples.mjs SECRET EVENT [EVENT...]
import { sign } from "@octokit/webhooks-methods";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const index = require("@octokit/webhooks-examples/api.github.com/index.json");
const [secret, ...events] = process.argv.slice(2);
for (const entry of index) {
  if (!events.includes(entry.name)) continue;
  for (const example of entry.examples) {
    const body = JSON.stringify(example);
    const signature = await sign(secret, body);
    process.stdout.write(JSON.stringify({ event: entry.name, body, signature }) + "\n");
  }
}
