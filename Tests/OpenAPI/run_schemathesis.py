#!/usr/bin/env python3
"""Contract test: schema/openapi.yaml against a live chatham-server.

    python3 Tests/OpenAPI/run_schemathesis.py .build/debug/chatham-server [--max-time 60] [--max-examples 40]

1. Validates the document with openapi-spec-validator.
2. Starts a real server, stores a few valid reports and releases one period (so the release and
   digest routes have something to return), then runs schemathesis for a bounded time with a
   member token: positive and negative examples for every operation, checking that no response
   is a 5xx and that every status, content type, header and body matches the document.
3. Checks the server is still alive and serving afterwards.
Exits non-zero on any failure; prints "N passed, M failed" last.
"""
import argparse
import os
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(HERE, "..", "Hostile"))
from harness import Server, client  # noqa: E402

SCHEMA = os.path.join(ROOT, "schema", "openapi.yaml")
# Every response must match the document; the server must never fail. (positive_data_acceptance
# is left out on purpose: a schema-valid envelope with random bytes is rightly refused.)
CHECKS = ",".join(["not_a_server_error", "status_code_conformance", "content_type_conformance",
                   "response_schema_conformance", "response_headers_conformance", "negative_data_rejection"])


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--max-time", type=int, default=60, help="schemathesis time budget in seconds")
    ap.add_argument("--max-examples", type=int, default=40)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    passed = failed = 0

    def check(ok: bool, what: str) -> None:
        nonlocal passed, failed
        print(("ok   " if ok else "FAIL ") + what, flush=True)
        passed, failed = passed + ok, failed + (not ok)

    r = subprocess.run([sys.executable, "-m", "openapi_spec_validator", SCHEMA], capture_output=True, text=True)
    check(r.returncode == 0, "openapi-spec-validator: schema/openapi.yaml is valid OpenAPI 3.0" + ("" if r.returncode == 0 else f": {r.stdout}{r.stderr}"))

    with Server(args.binary, members=3) as srv:
        keys = client.fetch_keys(srv.base, srv.key_id)
        period = client.current_period()
        epoch = client.epoch_of(period)
        _, cred = client.request_credential(srv.base, srv.tokens[0], keys, epoch)
        for _ in range(3):
            body = client.envelope(keys.key_id, client.seal(keys, cred, client.new_report(period)))
            assert client.request(srv.base, "POST", "/v1/submissions", body).status == 202
        rel = subprocess.run([srv.binary, "release", "--period", period, "--data", srv.data], capture_output=True, text=True)
        check(rel.returncode == 0, f"released {period} for the release routes" + ("" if rel.returncode == 0 else f": {rel.stderr.strip()}"))

        # A copy of the document whose examples name real things on this server, so schemathesis
        # reaches the release, digest and sign-in logic instead of stopping at 404/401.
        doc = yaml.safe_load(open(SCHEMA))
        doc["components"]["parameters"]["Period"]["example"] = period
        form = doc["paths"]["/"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"]
        form["example"] = {"token": srv.tokens[2]}
        live_schema = os.path.join(srv.work, "openapi.live.yaml")
        with open(live_schema, "w") as f:
            yaml.safe_dump(doc, f, sort_keys=False)
        cmd = ["schemathesis", "run", live_schema, "--url", srv.base, "--checks", CHECKS,
               "--max-time", str(args.max_time), "--max-examples", str(args.max_examples), "--seed", str(args.seed),
               "--workers", "2", "--request-timeout", "10", "--no-color",
               "--header", f"Authorization: Bearer {srv.tokens[1]}",
               "--suppress-health-check", "all", "--continue-on-failure"]
        env = dict(os.environ, SCHEMATHESIS_HOOKS="")
        proc = subprocess.run(cmd, env=env, cwd=ROOT, timeout=args.max_time * 3 + 120)
        check(proc.returncode == 0, f"schemathesis: every response matches schema/openapi.yaml, no 5xx (budget {args.max_time} s)")
        check(srv.alive(), "the server is still running after schemathesis")
        check(client.request(srv.base, "GET", "/healthz").status == 200, "the server still answers /healthz")
        check("request failed" not in srv.log_text(), "the server logged no internal failure")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
