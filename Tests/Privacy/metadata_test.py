#!/usr/bin/env python3
"""Metadata minimisation: run a whole scenario against a real server, then search the server's log
and every file of its database (main file, WAL, SHM) for what must never be kept.

    python3 Tests/Privacy/metadata_test.py .build/debug/chatham-server

Searched for: member tokens, the client's IP address (beyond the server's own listening line),
report plaintext (narratives, report ids in the log), envelope and sealed-box bytes, pseudonyms
(in the log; the database keeps them by design), and times of day or dates of the run.
Prints "N passed, M failed" last.
"""
import base64
import datetime
import glob
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "Interop"))
import client  # noqa: E402


def main() -> int:
    binary = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="chatham-privacy.")
    data = os.path.join(work, "data")
    passed = failed = 0

    def check(ok, what):
        nonlocal passed, failed
        print(("ok   " if ok else "FAIL ") + what, flush=True)
        passed, failed = (passed + 1, failed) if ok else (passed, failed + 1)

    key_id = subprocess.run([binary, "init", "--data", data], check=True, capture_output=True, text=True).stdout.strip()
    tokens = [json.loads(subprocess.run([binary, "member", "add", f"priv-{i}", "--json", "--data", data], check=True,
                                        capture_output=True, text=True).stdout)["token"] for i in range(6)]
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    log_path = os.path.join(work, "server.log")
    with open(log_path, "wb") as log:
        server = subprocess.Popen([binary, "serve", "--data", data, "--host", "127.0.0.1", "--port", str(port), "--metrics"],
                                  stdout=log, stderr=log)
        try:
            for _ in range(200):
                try:
                    socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                    break
                except OSError:
                    time.sleep(0.05)
            started = datetime.datetime.now(datetime.timezone.utc)
            keys = client.fetch_keys(base, key_id)
            period = client.current_period()
            epoch = client.epoch_of(period)
            secrets = {"narrative": [], "report_id": [], "sealed": [], "envelope": [], "pseudonym": []}
            for t in tokens:
                r, cred = client.request_credential(base, t, keys, epoch)
                assert cred is not None, r.describe()
                secrets["pseudonym"].append(client.pseudonym(base64.b64decode(cred["message"])))
                for _ in range(2):
                    report = client.new_report(period)
                    report["narrative"] = "Marker narrative " + os.urandom(6).hex()
                    report["share_narrative"] = False
                    sealed = client.seal(keys, cred, report)
                    body = client.envelope(keys.key_id, sealed)
                    r = client.submit(base, body)
                    assert r.status == 202, r.describe()
                    secrets["narrative"].append(report["narrative"])
                    secrets["report_id"].append(report["id"])
                    secrets["sealed"].append(base64.b64encode(sealed).decode()[:40])
                    secrets["envelope"].append(body.decode()[:60])
            # Bad requests of every kind, a wrong token, the web sign-in, metrics.
            client.request(base, "POST", "/v1/submissions", b"{nonsense")
            client.request(base, "POST", "/v1/credentials", b"{}", client.bearer("chm_member_" + "A" * 43))
            client.request(base, "GET", "/v1/releases", None, client.bearer(tokens[0]))
            urllib.request.urlopen(urllib.request.Request(base + "/", data=f"token={tokens[1]}".encode(), method="POST")).read()
            metrics = urllib.request.urlopen(base + "/metrics").read().decode()
            check("chatham_submissions_accepted_total 12" in metrics, "metrics count the 12 submissions")
            check(not any(t in metrics for t in tokens) and "priv-" not in metrics
                  and not any(p in metrics for p in secrets["pseudonym"]), "metrics carry no identifying label")
        finally:
            server.terminate()
            server.wait()
    subprocess.run([binary, "release", "--period", period, "--data", data], check=True, capture_output=True)

    log = open(log_path, encoding="utf-8", errors="replace").read()
    stores = b"".join(open(p, "rb").read() for p in glob.glob(os.path.join(data, "chatham.sqlite*")))
    day = started.strftime("%Y-%m-%d")
    hour = started.strftime("%H:%M")

    check(not any(t in log for t in tokens), "no token in the log")
    check(not any(t.encode() in stores for t in tokens), "no token in the database files")
    ip_lines = [l for l in log.splitlines() if "127.0.0.1" in l and "listening on 127.0.0.1:" not in l]
    check(not ip_lines, "no client address in the log (only the server's own listening line)")
    check(b"127.0.0.1" not in stores, "no address in the database files")
    for kind in ("narrative", "report_id", "sealed", "envelope", "pseudonym"):
        check(not any(v in log for v in secrets[kind]), f"no {kind.replace('_', ' ')} in the log")
    check(not any(v.encode() in stores for v in secrets["narrative"]), "no unshared narrative in the database files")
    check(not any(v.encode() in stores for v in secrets["sealed"] + secrets["envelope"]), "no envelope or sealed box in the database files")
    request_lines = [l for l in log.splitlines() if re.search(r"/v1/|POST|GET ", l)]
    check(not request_lines, "no request log lines")
    check(day.encode() not in stores and hour.encode() not in stores, f"no date or time of the run in the database files ({day})")
    if failed:
        print("kept", work)
    else:
        subprocess.run(["rm", "-rf", work])
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
