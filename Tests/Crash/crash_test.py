#!/usr/bin/env python3
"""Crash test: a real chatham-server, concurrent submitters, kill -9 at random moments.

    python3 Tests/Crash/crash_test.py .build/debug/chatham-server [--kills 10] [--reports 600]

Every report that got a 202 must be stored exactly once after all the crashes, also when the
client resends after a lost reply (the same envelope bytes). Submitters resend anything whose
reply they did not get, as a real client's outbox does, until every report is acknowledged.
The check reads the SQLite file directly and then releases the period and checks its totals.
Prints "N passed, M failed" last; exits non-zero on any failure.
"""
import argparse
import json
import os
import random
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "Interop"))
import client  # noqa: E402  (the protocol client written from docs/protocol.md)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--kills", type=int, default=10)
    ap.add_argument("--reports", type=int, default=600)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--seed", type=int, default=None)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    binary = os.path.abspath(args.binary)
    work = tempfile.mkdtemp(prefix="chatham-crash.")
    data = os.path.join(work, "data")
    passed = failed = 0

    def check(ok: bool, what: str) -> None:
        nonlocal passed, failed
        print(("ok   " if ok else "FAIL ") + what, flush=True)
        if ok:
            passed += 1
        else:
            failed += 1

    key_id = subprocess.run([binary, "init", "--data", data], check=True, capture_output=True, text=True).stdout.strip()
    tokens = []
    for i in range(6):
        out = subprocess.run([binary, "member", "add", f"crash-{i}", "--json", "--data", data],
                             check=True, capture_output=True, text=True).stdout
        tokens.append(json.loads(out)["token"])
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join(work, "server.log"), "ab")
    server = None

    def start():
        nonlocal server
        server = subprocess.Popen([binary, "serve", "--data", data, "--host", "127.0.0.1", "--port", str(port)],
                                  stdout=log, stderr=log)
        for _ in range(200):
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise SystemExit("server did not start")

    start()
    keys = client.fetch_keys(base, key_id)
    period = client.current_period()
    epoch = client.epoch_of(period)
    credentials = []
    for t in tokens:
        r, cred = client.request_credential(base, t, keys, epoch)
        assert cred is not None, r.describe()
        credentials.append(cred)
    envelopes = {}
    for i in range(args.reports):
        report = client.new_report(period)
        envelopes[report["id"]] = client.envelope(keys.key_id, client.seal(keys, credentials[i % len(credentials)], report))

    pending = list(envelopes.items())
    lock = threading.Lock()
    receipts: dict[str, str] = {}     # report id -> receipt of its first acknowledgement
    accepted_202: set[str] = set()
    mismatched: list[str] = []
    resent_after_loss = 0

    def submitter(stop: threading.Event):
        nonlocal resent_after_loss
        while not stop.is_set():
            with lock:
                if not pending:
                    return
                rid, body = pending.pop()
            try:
                r = client.request(base, "POST", "/v1/submissions", body)
            except (OSError, Exception):
                with lock:
                    pending.append((rid, body))   # reply lost: resend the same bytes later
                    resent_after_loss += 1
                time.sleep(0.05)
                continue
            with lock:
                if r.status == 202:
                    if rid in receipts:
                        mismatched.append(f"{rid}: 202 twice")
                    receipts[rid] = r.json["receipt"]
                    accepted_202.add(rid)
                elif r.status == 200 and r.json.get("duplicate") is True:
                    if rid in receipts and receipts[rid] != r.json["receipt"]:
                        mismatched.append(f"{rid}: another receipt on resend")
                    receipts.setdefault(rid, r.json["receipt"])
                else:
                    mismatched.append(f"{rid}: HTTP {r.status} {r.describe()}")

    for k in range(args.kills + 1):
        stop = threading.Event()
        threads = [threading.Thread(target=submitter, args=(stop,)) for _ in range(args.threads)]
        for t in threads:
            t.start()
        if k < args.kills:
            time.sleep(rng.uniform(0.05, 0.8))
            server.send_signal(signal.SIGKILL)
            server.wait()
            stop.set()
            for t in threads:
                t.join()
            start()
        else:
            for t in threads:
                t.join()
    with lock:
        left = len(pending)
    check(left == 0, f"every report acknowledged after {args.kills} kill -9s ({len(receipts)} of {len(envelopes)}, "
                     f"{resent_after_loss} resends after lost replies)")
    check(not mismatched, "no report answered 202 twice or with another receipt" + (f": {mismatched[:3]}" if mismatched else ""))

    server.send_signal(signal.SIGTERM)
    server.wait()
    db = sqlite3.connect(os.path.join(data, "chatham.sqlite"))
    stored = dict(db.execute("SELECT id, receipt FROM report").fetchall())
    db.close()
    check(set(stored) == set(envelopes), f"stored exactly the submitted reports ({len(stored)} rows for {len(envelopes)})")
    check(all(stored.get(rid) == rc for rid, rc in receipts.items()), "each stored receipt is the one the client was given")
    check(accepted_202 <= set(stored), "every 202 survived the crashes")

    out = subprocess.run([binary, "release", "--period", period, "--json", "--data", data], capture_output=True, text=True)
    check(out.returncode == 0, "release after the crashes")
    if out.returncode == 0:
        doc = json.loads(out.stdout)
        totals = [c["count"] for t in doc["tables"] for c in t["cells"] if all(v == "*" for v in c["key"].values())]
        check(totals and all(t == len(envelopes) for t in totals), f"every table's grand total is {len(envelopes)}")
    log.close()
    if failed == 0:
        subprocess.run(["rm", "-rf", work])
    else:
        print(f"kept {work}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
