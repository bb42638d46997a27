"""A reference GitHub webhook receiver in Python, for comparison with Nectr's ingest.

It does the same work per delivery as `nectr serve`'s webhook endpoint: verify the
X-Hub-Signature-256 HMAC in constant time, parse the JSON payload, skip duplicates (delivery id,
and a SHA-256 of event and payload within an hour), then store the event (payload compressed)
and its review job in one SQLite transaction (WAL, synchronous=FULL) and answer 202 with the
event id. FastAPI on uvicorn, as a typical Python service of this kind is built.

    WEBHOOK_SECRET=s DB_PATH=/tmp/r.db python3 -m uvicorn reference_receiver:app --port 8000 --workers 2
"""

import hashlib
import hmac
import json
import os
import sqlite3
import threading
import time
import zlib

from fastapi import FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

SECRET = os.environ["WEBHOOK_SECRET"].encode()
DB_PATH = os.environ["DB_PATH"]
DEDUP_WINDOW_MS = 3600 * 1000
REVIEW_ACTIONS = {"opened", "reopened", "synchronize", "ready_for_review"}

SCHEMA = """
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY, event_type TEXT NOT NULL, action TEXT, delivery_id TEXT UNIQUE,
    repo_full_name TEXT, payload BLOB NOT NULL, dedup_hash TEXT, status TEXT NOT NULL,
    received_at INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS events_dedup_idx ON events (dedup_hash, received_at);
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, payload TEXT NOT NULL, state TEXT NOT NULL,
    run_at INTEGER NOT NULL, event_id INTEGER, coalesce_key TEXT);
CREATE INDEX IF NOT EXISTS jobs_claim_idx ON jobs (state, run_at);
"""

local = threading.local()


def connection():
    db = getattr(local, "db", None)
    if db is None:
        db = sqlite3.connect(DB_PATH, timeout=30, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.executescript(SCHEMA)
        local.db = db
    return db


def store(event, delivery_id, payload, fields):
    now = int(time.time() * 1000)
    dedup = hashlib.sha256(event.encode() + b"\n" + payload).hexdigest()
    db = connection()
    db.execute("BEGIN IMMEDIATE")
    try:
        row = db.execute("SELECT id FROM events WHERE delivery_id = ?", (delivery_id,)).fetchone()
        if row is None:
            row = db.execute(
                "SELECT id FROM events WHERE dedup_hash = ? AND received_at >= ?",
                (dedup, now - DEDUP_WINDOW_MS),
            ).fetchone()
        if row is not None:
            db.execute("COMMIT")
            return 200, {"event_id": row[0], "status": "duplicate", "duplicate": True}
        has_job = event == "pull_request" and fields["action"] in REVIEW_ACTIONS
        cursor = db.execute(
            "INSERT INTO events (event_type, action, delivery_id, repo_full_name, payload,"
            " dedup_hash, status, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (event, fields["action"], delivery_id, fields["repo"], zlib.compress(payload, 1),
             dedup, "pending" if has_job else "completed", now),
        )
        event_id = cursor.lastrowid
        answer = {"event_id": event_id, "status": "accepted", "duplicate": False}
        if has_job:
            job = json.dumps({"repo": fields["repo"], "number": fields["number"],
                              "head_sha": fields["head_sha"]})
            key = f"review:{fields['repo']}#{fields['number']}"
            cursor = db.execute(
                "INSERT INTO jobs (kind, payload, state, run_at, event_id, coalesce_key)"
                " VALUES ('review', ?, 'queued', ?, ?, ?)", (job, now, event_id, key))
            answer["job_id"] = cursor.lastrowid
        db.execute("COMMIT")
        return 202, answer
    except BaseException:
        db.execute("ROLLBACK")
        raise


app = FastAPI()


@app.get("/health")
async def health():
    return {"status": "ok"}


@app.post("/api/v1/webhooks/github")
async def github_webhook(request: Request):
    body = await request.body()
    signature = request.headers.get("x-hub-signature-256", "")
    expected = "sha256=" + hmac.new(SECRET, body, hashlib.sha256).hexdigest()
    if not hmac.compare_digest(signature, expected):
        return JSONResponse({"error": "bad signature"}, status_code=401)
    try:
        payload = json.loads(body)
    except ValueError:
        return JSONResponse({"error": "invalid JSON"}, status_code=400)
    if not isinstance(payload, dict):
        return JSONResponse({"error": "not an object"}, status_code=400)
    pull = payload.get("pull_request") or {}
    fields = {
        "action": payload.get("action"),
        "repo": (payload.get("repository") or {}).get("full_name"),
        "number": pull.get("number"),
        "head_sha": (pull.get("head") or {}).get("sha"),
    }
    event = request.headers.get("x-github-event", "")
    delivery_id = request.headers.get("x-github-delivery", "")
    status, answer = await run_in_threadpool(store, event, delivery_id, body, fields)
    return JSONResponse(answer, status_code=status)
