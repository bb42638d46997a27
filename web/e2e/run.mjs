// The dashboard end to end in a real browser: a real `nectr serve` (SQLite, the built web app)
// with the GitHub stand-in and the model stand-in, driven by Chromium through playwright-core.
// A user signs in with GitHub, connects a repository, opens the review of a pull request,
// sees the analytics charts, adds and deletes a memory, creates and revokes an API token.
// Every page is checked with axe (no serious or critical violation) in both themes and
// screenshotted into the artifacts directory.
//
// Usage: node e2e/run.mjs --nectr PATH [--source DIR] [--artifacts DIR]
import AxeBuilder from "@axe-core/playwright";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

import { control, deliver, kDiff, liveHookSecret, reviewablePull } from "./github.mjs";
import { freePort, logsOf, start, stopAll, waitFor } from "./processes.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, arg, i, all) => (arg.startsWith("--") ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []),
);
const sourceDir = path.resolve(args.source ?? path.join(here, "../.."));
const nectr = args.nectr ?? path.join(sourceDir, "build/debug/nectr");
const artifacts = path.resolve(args.artifacts ?? path.join(sourceDir, "build/web-artifacts"));
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const kThemes = ["light", "dark"];

let passed = 0;
let failed = 0;
const failures = [];

async function step(name, body) {
  try {
    await body();
    passed += 1;
    console.log(`ok - ${name}`);
  } catch (error) {
    failed += 1;
    failures.push(name);
    console.log(`not ok - ${name}\n  ${String(error?.stack ?? error).split("\n").join("\n  ")}`);
  }
}

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

async function startServices(workDir) {
  const fake = await start("github fake", "node", [path.join(sourceDir, "tests/node/github_fake.mjs")], {
    ready: /listening on (http:\/\/\S+)/,
  });
  const model = await start("model fake", "node", [path.join(sourceDir, "tests/node/model_fake.mjs")], {
    ready: /listening on (http:\/\/\S+)/,
  });
  const fakeUrl = fake.match[1];
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  await start("nectr serve", nectr, ["serve", "--workers", "1"], {
    cwd: workDir,
    ready: /is running at/,
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      BACKEND_URL: baseUrl,
      DATA_DIR: workDir,
      DATABASE_URL: `sqlite:///${workDir}/nectr.db`,
      WEB_DIR: path.join(sourceDir, "web/dist"),
      SECRET_KEY: "an end-to-end secret key that is long enough for the dashboard",
      GITHUB_API_URL: fakeUrl,
      GITHUB_WEB_URL: fakeUrl,
      GITHUB_CLIENT_ID: "Iv1.dashboard",
      GITHUB_CLIENT_SECRET: "dashboard-client-secret-for-the-fake",
      GITHUB_WEBHOOK_SECRET: "",
      GITHUB_TOKEN: "",
      LLM_PROVIDER: "openai",
      OPENAI_BASE_URL: model.match[1] + "/v1",
      OPENAI_API_KEY: "e2e-key-for-the-fake",
      LLM_MODEL: "scripted-reviewer",
      LLM_MAX_RETRIES: "0",
      WORKER_POLL_INTERVAL: "1",
      LOG_LEVEL: "info",
    },
  });
  return { fakeUrl, baseUrl };
}

async function audit(page, label) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const described = serious.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`);
  check(serious.length === 0, `${label}: accessibility violations:\n    ${described.join("\n    ")}`);
}

async function setTheme(page, theme) {
  await page.evaluate((value) => window.localStorage.setItem("nectr-theme", value), theme);
}

// Opens `route`, waits for its heading, then screenshots and audits it in both themes.
async function visit(page, route, heading, name) {
  for (const theme of kThemes) {
    await page.goto(route);
    await setTheme(page, theme);
    await page.reload();
    await page.getByRole("heading", { level: 1, name: heading }).waitFor();
    await page.waitForLoadState("networkidle");
    const dark = await page.evaluate(() => document.documentElement.classList.contains("dark"));
    check(dark === (theme === "dark"), `${name}: the ${theme} theme is not applied`);
    await page.screenshot({ path: path.join(artifacts, `${name}-${theme}.png`), fullPage: true });
    await audit(page, `${name} (${theme})`);
  }
  await setTheme(page, "light");
}

async function main() {
  mkdirSync(artifacts, { recursive: true });
  const workDir = mkdtempSync(path.join(os.tmpdir(), "nectr-web-e2e-"));
  const { fakeUrl, baseUrl } = await startServices(workDir);
  const example = reviewablePull(sourceDir);
  const repo = example.repository.full_name;
  const number = example.pull_request.number;
  await control(fakeUrl, "POST", "/__nectr/pulls", { repo, number, pull_request: example.pull_request, diff: kDiff });
  await control(fakeUrl, "POST", "/__nectr/users", {
    code: "code-octo",
    token: "gho_dashboard_e2e_token",
    user: { id: 7001, login: "octo-reviewer", name: "Octo Reviewer" },
    repos: [{ full_name: repo, id: 8001, admin: true }],
  });

  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  let reviewId = 0;
  try {
    await step("signed-out visitors see the landing page", async () => {
      await visit(page, "/", "Nectr reviews your pull requests", "landing");
    });
    await step("sign in with GitHub", async () => {
      await page.goto("/");
      await page.getByRole("button", { name: "Sign in with GitHub" }).click();
      await page.getByRole("navigation", { name: "Main" }).waitFor();
      check((await page.getByText("octo-reviewer").count()) > 0, "the signed-in login is not shown");
    });
    await step("connect a repository", async () => {
      await page.goto("/repositories");
      await page.getByRole("button", { name: `Connect ${repo}` }).click();
      await page.getByRole("button", { name: `Disconnect ${repo}` }).waitFor();
      await visit(page, "/repositories", "Repositories", "repositories");
    });
    await step("a pull request of the repository is reviewed and its review opens", async () => {
      const secret = liveHookSecret(await control(fakeUrl, "GET", "/__nectr/state"), repo);
      check(secret !== "", "connecting created no webhook on GitHub");
      const status = await deliver(baseUrl, "pull_request", example, secret);
      check(status === 202 || status === 200, `the webhook answered ${status}`);
      await page.goto("/reviews");
      const link = page.getByRole("link", { name: new RegExp(`${repo}#${number}`) });
      await waitFor("the review to be listed", async () => {
        await page.reload();
        await page.getByRole("heading", { level: 1, name: "Reviews" }).waitFor();
        await page.waitForLoadState("networkidle");
        return (await link.count()) > 0;
      }, 90_000);
      await visit(page, "/reviews", "Reviews", "reviews");
      await link.first().click();
      await page.getByRole("heading", { name: "Summary" }).waitFor();
      reviewId = Number(new URL(page.url()).pathname.split("/").pop());
      check(reviewId > 0, `the review page has no id: ${page.url()}`);
      await page.getByRole("link", { name: "Open the pull request on GitHub" }).waitFor();
      await page.getByRole("region", { name: "Comments on src/greet.js" }).waitFor();
      check((await page.getByText("This review failed.").count()) === 0, "the review failed");
      await visit(page, `/reviews/${reviewId}`, new RegExp(`${repo}#${number}`), "review");
    });
    await step("analytics charts render", async () => {
      await page.goto("/analytics");
      await page.getByRole("heading", { name: "Verdicts" }).waitFor();
      await page.locator("figure[aria-label='Reviews per day'] svg").first().waitFor();
      const charts = await page.locator("figure svg.recharts-surface").count();
      check(charts >= 4, `expected 4 charts, found ${charts}`);
      await visit(page, "/analytics", "Analytics", "analytics");
    });
    await step("add and delete a memory", async () => {
      await page.goto("/memory");
      await page.getByLabel("What Nectr should remember").fill("Never log request bodies");
      await page.getByRole("button", { name: "Add memory" }).click();
      const remove = page.getByRole("button", { name: "Delete memory: Never log request bodies" });
      await remove.waitFor();
      await visit(page, "/memory", "Memory", "memory");
      await remove.click();
      await remove.waitFor({ state: "detached" });
      await page.getByText("Nothing remembered yet").waitFor();
    });
    await step("the knowledge graph page loads", async () => {
      await visit(page, "/graph", "Knowledge graph", "graph");
    });
    await step("create and revoke an API token", async () => {
      await page.goto("/settings");
      await page.getByText("Service status").waitFor();
      await page.getByLabel("Token name").fill("dashboard e2e");
      await page.getByRole("button", { name: "Create token" }).click();
      const secret = await page.getByLabel("New API token").inputValue();
      check(secret.length > 20, "no token secret was shown");
      const me = await fetch(baseUrl + "/auth/me", { headers: { Authorization: `Bearer ${secret}` } });
      check(me.status === 200, `the new token does not sign in (${me.status})`);
      await page.getByRole("button", { name: "Done" }).click();
      await visit(page, "/settings", "Settings", "settings");
      const revoke = page.getByRole("button", { name: "Revoke token dashboard e2e" });
      await revoke.click();
      await revoke.waitFor({ state: "detached" });
      check((await page.getByText("revoked", { exact: true }).count()) === 1, "the token is not shown as revoked");
      const after = await fetch(baseUrl + "/auth/me", { headers: { Authorization: `Bearer ${secret}` } });
      check(after.status === 401, `the revoked token still signs in (${after.status})`);
    });
    await step("the keyboard reaches the skip link and the navigation", async () => {
      await page.goto("/reviews");
      await page.getByRole("heading", { level: 1, name: "Reviews" }).waitFor();
      await page.keyboard.press("Tab");
      const first = await page.evaluate(() => document.activeElement?.textContent ?? "");
      check(first.includes("Skip to content"), `the first Tab stop is "${first}"`);
      await page.keyboard.press("Enter");
      for (let i = 0; i < 10; i += 1) {
        await page.keyboard.press("Tab");
      }
      const focused = await page.evaluate(() => document.activeElement?.tagName ?? "");
      check(focused !== "BODY", "Tab leaves the page without a focusable control");
      await page.goto("/analytics");
      await page.getByRole("link", { name: "Memory" }).focus();
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { level: 1, name: "Memory" }).waitFor();
    });
    await step("sign out returns to the landing page", async () => {
      await page.getByRole("button", { name: "Sign out" }).click();
      await page.getByRole("button", { name: "Sign in with GitHub" }).waitFor();
    });
  } finally {
    await browser.close();
    if (failed > 0) {
      console.log("nectr serve's log (end):\n" + logsOf("nectr serve"));
    }
    await stopAll();
    rmSync(workDir, { recursive: true, force: true });
  }
  console.log(`screenshots in ${artifacts}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch(async (error) => {
  console.log(`not ok - setup\n  ${error.stack ?? error}`);
  await stopAll();
  console.log(`${passed} passed, ${failed + 1} failed`);
  process.exit(1);
});
