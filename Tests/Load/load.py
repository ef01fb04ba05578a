#!/usr/bin/env python3
"""Load test: many keep-alive connections of valid submissions mixed with reads, against a live server.

    python3 Tests/Load/load.py .build/debug/chatham-server [--duration 60] [--connections 64] [--reads 0.3]
                                                             [--json FILE]

Each connection loops until the duration is up: with probability --reads it reads (GET /v1/keys,
/healthz, /v1/releases, the released period's document, or the web page with a bearer token),
otherwise it seals a fresh valid report (PyNaCl, a credential per connection group) and submits
it. Checks:
  * zero errors: every submission answers 202, every read 200, no transport failure;
  * nothing lost: the SQLite file holds exactly the reports that got a 202;
  * flat memory: the server's resident size (VmRSS, sampled every 0.5 s) in the last quarter of the
    run is at most max(1.25 × the second quarter's peak, that peak + 48 MiB);
and prints throughput and latency percentiles (p50, p90, p99, max) per kind. With --json the
numbers are also written to FILE (docs/benchmarks.md quotes them). Exit non-zero on a failure.

The client is Python with one thread per connection: on a 2-core machine the client competes
with the server for CPU, so throughput here is a floor, not the server's capacity (see
Benchmarks/chatham-bench-ingest for that).
"""
import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "Hostile"))
from harness import Server, client  # noqa: E402


def percentile(values, p):
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


class CredentialPool:
    """Credentials for the submissions: the server caps one credential at 1,000 reports an epoch
    (a pseudonym that files more is refused with rate_limited), so a new member is enrolled and a
    new credential fetched whenever the current one is used up — as many real members would."""

    LIMIT = 1000

    def __init__(self, srv, keys, epoch, tokens):
        self.srv, self.keys, self.epoch = srv, keys, epoch
        self.tokens = list(tokens)  # enrolled before serving: `member add` under load may find the database busy
        self.lock = threading.Lock()
        self.current, self.used, self.issued = None, 0, 0

    def take(self):
        with self.lock:
            if self.current is None or self.used >= self.LIMIT:
                if self.tokens:
                    token = self.tokens.pop()
                else:
                    for attempt in range(20):
                        try:
                            token = json.loads(self.srv._run("member", "add", f"load-{self.issued}", "--json"))["token"]
                            break
                        except subprocess.CalledProcessError:
                            time.sleep(0.2)
                    else:
                        raise RuntimeError("could not enrol another member during the run")
                r, cred = client.request_credential(self.srv.base, token, self.keys, self.epoch)
                if cred is None:
                    raise RuntimeError(f"credential: {r.describe()}")
                self.current, self.used = cred, 0
                self.issued += 1
            self.used += 1
            return self.current


def previous_month(period: str) -> str:
    y, m = map(int, period.split("-"))
    return f"{y - 1}-12" if m == 1 else f"{y}-{m - 1:02d}"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--duration", type=float, default=60)
    ap.add_argument("--connections", type=int, default=64)
    ap.add_argument("--reads", type=float, default=0.3, help="share of requests that are reads")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--json", help="write the measured numbers to this file")
    args = ap.parse_args()
    passed = failed = 0

    def check(ok: bool, what: str) -> None:
        nonlocal passed, failed
        print(("ok   " if ok else "FAIL ") + what, flush=True)
        passed, failed = passed + ok, failed + (not ok)

    # One credential files at most 1,000 reports an epoch: enrol enough members up front.
    with Server(args.binary, members=4 + int(args.duration * 1.5)) as srv:
        keys = client.fetch_keys(srv.base, srv.key_id)
        period = client.current_period()
        epoch = client.epoch_of(period)
        released = previous_month(period)
        # A released period to read: a few reports for last month, then `release`.
        pool = CredentialPool(srv, keys, epoch, srv.tokens[4:])
        _, rel_cred = client.request_credential(srv.base, srv.tokens[3], keys, client.epoch_of(released))
        for _ in range(5):
            body = client.envelope(keys.key_id, client.seal(keys, rel_cred, client.new_report(released)))
            assert client.request(srv.base, "POST", "/v1/submissions", body).status == 202
        out = subprocess.run([srv.binary, "release", "--period", released, "--data", srv.data], capture_output=True, text=True)
        check(out.returncode == 0, f"released {released} to read during the run")
        baseline = srv.stored_reports()
        token = srv.tokens[0]
        auth = {"Authorization": f"Bearer {token}"}
        reads = [("GET", "/v1/keys", {}), ("GET", "/healthz", {}), ("GET", "/v1/releases", auth),
                 ("GET", f"/v1/releases/{released}", auth), ("GET", "/", auth)]

        lock = threading.Lock()
        lat = {"submit": [], "read": []}
        errors = []
        accepted = [0]
        stop_at = [0.0]
        start_evt = threading.Event()

        def worker(idx: int):
            rng = random.Random(args.seed * 1000 + idx)
            conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
            my_sub, my_read, my_err, my_ok = [], [], [], 0
            start_evt.wait()
            while time.time() < stop_at[0]:
                if rng.random() < args.reads:
                    method, path, hdrs = rng.choice(reads)
                    body, kind, want = None, "read", (200,)
                else:
                    try:
                        body = client.envelope(keys.key_id, client.seal(keys, pool.take(), client.new_report(period)))
                    except Exception as e:  # noqa: BLE001 — counted, and the thread keeps its results
                        my_err.append(f"credential pool: {type(e).__name__}: {e}")
                        break
                    method, path, hdrs, kind, want = "POST", "/v1/submissions", {"Content-Type": "application/json"}, "submit", (202,)
                t0 = time.perf_counter()
                try:
                    if body is None and kind == "submit":
                        raise RuntimeError("no body")
                    conn.request(method, path, body=body, headers=hdrs)
                    resp = conn.getresponse()
                    data = resp.read()
                    dt = time.perf_counter() - t0
                    if resp.status not in want:
                        my_err.append(f"{method} {path}: {resp.status} {data[:100]!r}")
                    elif kind == "submit":
                        my_ok += 1
                    (my_sub if kind == "submit" else my_read).append(dt)
                except Exception as e:  # noqa: BLE001 — any failure counts
                    my_err.append(f"{method} {path}: {type(e).__name__}: {e}")
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", srv.port, timeout=30)
            conn.close()
            with lock:
                lat["submit"] += my_sub
                lat["read"] += my_read
                errors.extend(my_err)
                accepted[0] += my_ok

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.connections)]
        for t in threads:
            t.start()
        rss = []  # (seconds since start, KiB)
        t_start = time.time()
        stop_at[0] = t_start + args.duration
        start_evt.set()
        while time.time() < stop_at[0]:
            rss.append((time.time() - t_start, srv.rss_kib()))
            time.sleep(0.5)
        for t in threads:
            t.join()
        elapsed = time.time() - t_start
        rss.append((elapsed, srv.rss_kib()))

        n_sub, n_read = len(lat["submit"]), len(lat["read"])
        total = n_sub + n_read + len([e for e in errors if "Error" in e])
        check(not errors, f"zero errors in {total} requests" + (f": {len(errors)} errors, e.g. {errors[:3]}" if errors else ""))
        stored = srv.stored_reports() - baseline
        check(stored == accepted[0], f"stored exactly the {accepted[0]} reports that got a 202 ({stored} rows)")
        q = args.duration / 4
        second = [k for t, k in rss if q <= t < 2 * q] or [rss[0][1]]
        last = [k for t, k in rss if t >= 3 * q] or [rss[-1][1]]
        early_peak, late_peak = max(second), max(last)
        limit = max(1.25 * early_peak, early_peak + 48 * 1024)
        check(late_peak <= limit, f"flat memory: RSS peak {early_peak / 1024:.0f} MiB in the 2nd quarter, "
                                  f"{late_peak / 1024:.0f} MiB in the last (limit {limit / 1024:.0f} MiB)")
        check(srv.alive(), "the server is still running")

        def ms(v):
            return round(v * 1000, 2)

        summary = {
            "duration_s": round(elapsed, 1), "connections": args.connections, "read_share": args.reads,
            "requests": n_sub + n_read, "requests_per_s": round((n_sub + n_read) / elapsed, 1),
            "submissions": n_sub, "submissions_per_s": round(n_sub / elapsed, 1), "reads": n_read, "errors": len(errors),
            "submit_ms": {"p50": ms(percentile(lat["submit"], 50)), "p90": ms(percentile(lat["submit"], 90)),
                          "p99": ms(percentile(lat["submit"], 99)), "max": ms(max(lat["submit"], default=0))},
            "read_ms": {"p50": ms(percentile(lat["read"], 50)), "p90": ms(percentile(lat["read"], 90)),
                        "p99": ms(percentile(lat["read"], 99)), "max": ms(max(lat["read"], default=0))},
            "rss_mib": {"start": round(rss[0][1] / 1024, 1), "q2_peak": round(early_peak / 1024, 1),
                        "last_quarter_peak": round(late_peak / 1024, 1), "end": round(rss[-1][1] / 1024, 1),
                        "median": round(statistics.median(k for _, k in rss) / 1024, 1), "samples": len(rss)},
            "credentials": pool.issued, "cpus": os.cpu_count(),
        }
        print("     " + json.dumps(summary))
        if args.json:
            with open(args.json, "w") as f:
                json.dump(summary, f, indent=2)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
