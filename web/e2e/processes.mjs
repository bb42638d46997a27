// Child processes of the end-to-end run: started with a line to wait for, stopped at the end.
import { spawn } from "node:child_process";
import net from "node:net";

const children = [];

// Starts `command args` and resolves with the first match of `ready` in its stdout (rejects
// when it exits first or after `timeoutMs`). Output is kept for failure reports.
export function start(name, command, args, { env = {}, cwd, ready, timeoutMs = 60_000 }) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const record = { name, child, stdout: "", stderr: "" };
  children.push(record);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start:\n${record.stderr}`)), timeoutMs);
    child.stdout.on("data", (chunk) => {
      record.stdout += chunk;
      const match = ready.exec(record.stdout);
      if (match) {
        clearTimeout(timer);
        resolve({ ...record, match });
      }
    });
    child.stderr.on("data", (chunk) => {
      record.stderr += chunk;
    });
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(new Error(`${name} could not start: ${error.message}`));
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with ${code}:\n${record.stderr.slice(-4000)}`));
    });
  });
}

export function logsOf(name) {
  const record = children.find((c) => c.name === name);
  return record ? record.stderr.slice(-6000) : "";
}

export async function stopAll() {
  for (const { child } of children.reverse()) {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    }
  }
}

// A port free right now on 127.0.0.1 (the server needs to know its URL before it starts).
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// Polls `check` (async, truthy when done) every 100 ms until `timeoutMs`.
export async function waitFor(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
