#!/usr/bin/env python3
"""Cold start to a healthy /health, idle resident memory, and binary size of `nectr serve`.

Usage: python3 bench/startup.py [--binary build/release/nectr] [--runs 10]
Each run starts the server in a fresh directory (so the SQLite file and migrations are
created from nothing), polls GET /health every millisecond until it answers 200, then waits
for the server to settle and reads VmRSS. Reports medians over the runs.
"""
import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import tempfile
import time


def health_ok(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.2) as s:
            s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return s.recv(64).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def one_run(binary, settle):
    with tempfile.TemporaryDirectory() as cwd:
        port = free_port()
        start = time.perf_counter()
        proc = subprocess.Popen([binary, "serve", "--port", str(port)], cwd=cwd,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while not health_ok(port):
                if proc.poll() is not None:
                    raise SystemExit(f"server exited with {proc.returncode}")
                if time.perf_counter() - start > 10:
                    raise SystemExit("server not healthy after 10 s")
                time.sleep(0.001)
            ready_ms = (time.perf_counter() - start) * 1000
            time.sleep(settle)
            return ready_ms, rss_kib(proc.pid)
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default="build/release/nectr")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--settle", type=float, default=2.0, help="seconds idle before RSS")
    args = parser.parse_args()
    args.binary = os.path.abspath(args.binary)
    results = [one_run(args.binary, args.settle) for _ in range(args.runs)]
    ready = [r[0] for r in results]
    rss = [r[1] for r in results]
    print(f"binary: {args.binary} ({os.path.getsize(args.binary) / 1e6:.2f} MB)")
    print(f"cold start to healthy /health: median {statistics.median(ready):.1f} ms "
          f"(min {min(ready):.1f}, max {max(ready):.1f}, {args.runs} runs)")
    print(f"idle RSS after {args.settle:.0f} s: median {statistics.median(rss) / 1024:.1f} MiB "
          f"(min {min(rss) / 1024:.1f}, max {max(rss) / 1024:.1f})")


if __name__ == "__main__":
    main()
