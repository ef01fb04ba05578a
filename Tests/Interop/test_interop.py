#!/usr/bin/env python3
"""Interoperability tests: the Python client (client.py) against a live chatham-server.

    SERVER_URL=http://127.0.0.1:8080 TOKEN=chm_member_… TOKEN2=chm_member_… \\
        python3 Tests/Interop/test_interop.py [--submit N] [--summary FILE]

TOKEN and TOKEN2 are two members that have not yet asked for a credential
for the current quarter (TOKEN) or the previous quarter (TOKEN2). The
server's database must not have released the current month yet.

Exit status 0 only if every check passed; the last line is "N passed, M failed".
--submit N submits N more valid reports (with TOKEN's credential) after the
checks; --summary FILE writes {"period", "accepted", "receipts"} so a
harness can compare the release's grand total with what was accepted.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import traceback

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import client as C  # noqa: E402
import nacl.public  # noqa: E402

RECEIPT = re.compile(r"^rcpt_[0-9a-f]{32}$")


class Failure(Exception):
    pass


def require(cond: bool, message: str) -> None:
    if not cond:
        raise Failure(message)


def expect_error(r: C.Response, status: int, code: str) -> dict:
    """Status and the {"error":{"code","message"}} body, exactly."""
    require(r.status == status, f"expected {status} {code}, got {r.describe()}")
    j = r.json
    require(isinstance(j, dict) and set(j) == {"error"}, f"error body is not {{\"error\":…}}: {r.describe()}")
    err = j["error"]
    require(isinstance(err, dict) and isinstance(err.get("code"), str) and isinstance(err.get("message"), str),
            f"error must carry string code and message: {r.describe()}")
    require(err["code"] == code, f"expected code {code}, got {err['code']!r} ({err['message']!r})")
    require(err["message"].strip() != "", "error message is empty")
    return err


def expect_accepted(r: C.Response) -> str:
    require(r.status == 202, f"expected 202, got {r.describe()}")
    j = r.json
    require(isinstance(j, dict), f"202 body is not a JSON object: {r.describe()}")
    require(j.get("duplicate") is False, f"expected duplicate false: {r.describe()}")
    require(isinstance(j.get("receipt"), str) and RECEIPT.match(j["receipt"]),
            f"receipt is not rcpt_ + 32 hex: {r.describe()}")
    return j["receipt"]


def expect_duplicate(r: C.Response, receipt: str) -> None:
    require(r.status == 200, f"expected 200 for a repeated report id, got {r.describe()}")
    j = r.json
    require(isinstance(j, dict) and j.get("duplicate") is True, f"expected duplicate true: {r.describe()}")
    require(j.get("receipt") == receipt, f"expected the first receipt {receipt}, got {j.get('receipt')!r}")


class Suite:
    def __init__(self, base: str, token: str, token2: str, period: str) -> None:
        self.base = base
        self.token = token
        self.token2 = token2
        self.period = period
        self.epoch = C.epoch_of(period)
        self.prev_epoch = C.previous_epoch(self.epoch)
        self.keys: C.ServerKeys | None = None
        self.credential: dict | None = None
        self.prev_credential: dict | None = None
        self.accepted: list[tuple[str, str]] = []  # (period, receipt)
        self.passed = 0
        self.failed = 0

    # -------------------------------------------------------------- runner

    def run(self, name: str, fn) -> None:
        try:
            fn()
        except Failure as e:
            self.failed += 1
            print(f"FAIL {name}: {e}")
        except Exception as e:  # a crash in a check is a failure too, with its cause
            self.failed += 1
            print(f"FAIL {name}: {type(e).__name__}: {e}")
            traceback.print_exc(limit=3, file=sys.stdout)
        else:
            self.passed += 1
            print(f"ok   {name}")

    def need_keys(self) -> C.ServerKeys:
        require(self.keys is not None, "GET /v1/keys failed earlier")
        return self.keys

    def need_credential(self) -> dict:
        require(self.credential is not None, f"no credential for {self.epoch} (an earlier check failed)")
        return self.credential

    def post(self, body: bytes) -> C.Response:
        return C.request(self.base, "POST", "/v1/submissions", body)

    def sealed_envelope(self, report: dict, credential: dict | None = None) -> bytes:
        keys = self.need_keys()
        return C.envelope(keys.key_id, C.seal(keys, credential or self.need_credential(), report))

    # --------------------------------------------------------------- checks

    def t_keys(self) -> None:
        r = C.request(self.base, "GET", "/v1/keys")
        require(r.status == 200, f"GET /v1/keys: {r.describe()}")
        doc = r.json
        require(isinstance(doc, dict), "GET /v1/keys is not a JSON object")
        for k in doc["keys"]:
            require({"key_id", "public_key", "created"} <= set(k), f"key entry lacks fields: {sorted(k)}")
            require(re.fullmatch(r"[0-9a-f]{16}", k["key_id"]) is not None, f"key id {k['key_id']!r} not 16 hex")
        keys = C.parse_keys(doc)  # checks every key id against its key
        for epoch in (self.epoch, self.prev_epoch):
            keys.credential_key(epoch)  # present, RSA-2048 SPKI
        self.keys = keys

    def t_credential_bad_token(self) -> None:
        keys = self.need_keys()
        bad = "chm_member_" + C.b64(os.urandom(32)).rstrip("=").replace("+", "-").replace("/", "_")
        r, cred = C.request_credential(self.base, bad, keys, self.epoch)
        require(cred is None, "a made-up token was issued a credential")
        expect_error(r, 401, "unauthorized")

    def t_credential_no_token(self) -> None:
        keys = self.need_keys()
        blinded, _ = C.blind(keys.credential_key(self.epoch), self.epoch)
        body = json.dumps({"epoch": self.epoch, "blinded_message": C.b64(blinded)}).encode()
        expect_error(C.request(self.base, "POST", "/v1/credentials", body), 401, "unauthorized")

    def t_credential(self) -> None:
        r, cred = C.request_credential(self.base, self.token, self.need_keys(), self.epoch)
        require(cred is not None, f"POST /v1/credentials: {r.describe()}")
        require(len(C.unb64(cred["message"])) == 64 and len(C.unb64(cred["signature"])) == 256,
                "credential sizes (64-byte message, 256-byte signature)")
        self.credential = cred

    def t_credential_again(self) -> None:
        self.need_credential()
        r, cred = C.request_credential(self.base, self.token, self.need_keys(), self.epoch)
        require(cred is None, "a second credential was issued for the same member and epoch")
        expect_error(r, 409, "already_issued")

    def t_credential_previous_epoch(self) -> None:
        r, cred = C.request_credential(self.base, self.token2, self.need_keys(), self.prev_epoch)
        require(cred is not None, f"POST /v1/credentials ({self.prev_epoch}): {r.describe()}")
        self.prev_credential = cred

    def t_valid_and_duplicates(self) -> None:
        report = C.new_report(self.period)
        body = self.sealed_envelope(report)
        receipt = expect_accepted(self.post(body))
        self.accepted.append((self.period, receipt))
        # retry after a lost reply: the same bytes again
        expect_duplicate(self.post(body), receipt)
        # the same report id in a freshly sealed box
        expect_duplicate(self.post(self.sealed_envelope(report)), receipt)

    def t_tampered(self) -> None:
        keys = self.need_keys()
        sealed = bytearray(C.seal(keys, self.need_credential(), C.new_report(self.period)))
        sealed[60] ^= 0x01
        expect_error(self.post(C.envelope(keys.key_id, bytes(sealed))), 400, "decrypt_failed")

    def t_truncated(self) -> None:
        keys = self.need_keys()
        sealed = C.seal(keys, self.need_credential(), C.new_report(self.period))
        expect_error(self.post(C.envelope(keys.key_id, sealed[:-1])), 400, "decrypt_failed")
        expect_error(self.post(C.envelope(keys.key_id, sealed[:47])), 400, "decrypt_failed")

    def t_forged_credential(self) -> None:
        cred = dict(self.need_credential(), signature=C.b64(os.urandom(256)))
        report = C.new_report(self.period)
        expect_error(self.post(self.sealed_envelope(report, cred)), 400, "invalid_credential")
        # nothing was stored: the same report id with a good credential is new
        receipt = expect_accepted(self.post(self.sealed_envelope(report)))
        self.accepted.append((self.period, receipt))

    def t_forged_message(self) -> None:
        cred = dict(self.need_credential(), message=C.b64(os.urandom(64)))
        expect_error(self.post(self.sealed_envelope(C.new_report(self.period), cred)), 400, "invalid_credential")

    def t_other_epoch_credential(self) -> None:
        require(self.prev_credential is not None, f"no {self.prev_epoch} credential (an earlier check failed)")
        expect_error(self.post(self.sealed_envelope(C.new_report(self.period), self.prev_credential)),
                     400, "invalid_credential")
        relabelled = dict(self.prev_credential, epoch=self.epoch)
        expect_error(self.post(self.sealed_envelope(C.new_report(self.period), relabelled)),
                     400, "invalid_credential")

    def t_previous_epoch_control(self) -> None:
        # The same previous-epoch credential is good for a report of its own epoch,
        # so the rejection above was about the epoch, not a broken credential.
        require(self.prev_credential is not None, f"no {self.prev_epoch} credential (an earlier check failed)")
        period = C.first_period_of(self.prev_epoch)
        receipt = expect_accepted(self.post(self.sealed_envelope(C.new_report(period), self.prev_credential)))
        self.accepted.append((period, receipt))

    def t_unknown_key(self) -> None:
        keys = self.need_keys()
        other = bytes(nacl.public.PrivateKey.generate().public_key)
        fake = C.ServerKeys(C.key_id(other), other, keys.signing_key, keys.credential_keys)
        body = C.envelope(fake.key_id, C.seal(fake, self.need_credential(), C.new_report(self.period)))
        expect_error(self.post(body), 400, "unknown_key")

    def t_invalid_envelopes(self) -> None:
        keys = self.need_keys()
        sealed = C.seal(keys, self.need_credential(), C.new_report(self.period))
        good = {"version": 1, "key_id": keys.key_id, "sealed": C.b64(sealed)}
        cases = {
            "version 2": dict(good, version=2),
            "missing sealed": {k: v for k, v in good.items() if k != "sealed"},
            "missing key_id": {k: v for k, v in good.items() if k != "key_id"},
            "missing version": {k: v for k, v in good.items() if k != "version"},
            "bad base64": dict(good, sealed="%%% not base64 %%%"),
        }
        for what, env in cases.items():
            try:
                expect_error(self.post(json.dumps(env).encode()), 400, "invalid_envelope")
            except Failure as e:
                raise Failure(f"{what}: {e}")
        try:
            expect_error(self.post(b'{"version":1,"key_id":'), 400, "invalid_envelope")
        except Failure as e:
            raise Failure(f"malformed JSON: {e}")

    def t_too_large(self) -> None:
        keys = self.need_keys()
        body = json.dumps({"version": 1, "key_id": keys.key_id,
                           "sealed": C.b64(os.urandom(50_000))}).encode()
        require(len(body) > C.MAX_BODY, "test body is not over the limit")
        expect_error(self.post(body), 413, "too_large")

    def t_invalid_enum(self) -> None:
        report = C.new_report(self.period)
        report["victim"]["region"] = "atlantis"
        err = expect_error(self.post(self.sealed_envelope(report)), 400, "invalid_report")
        msg = err["message"]
        require(any(p in msg for p in ("victim.region", "/victim/region", "victim/region")),
                f"message does not name the field path victim.region: {msg!r}")
        # nothing was stored: the corrected report with the same id is new
        report["victim"]["region"] = "europe"
        receipt = expect_accepted(self.post(self.sealed_envelope(report)))
        self.accepted.append((self.period, receipt))

    def t_releases_auth(self) -> None:
        expect_error(C.request(self.base, "GET", "/v1/releases", headers=C.bearer("chm_member_nope")),
                     401, "unauthorized")
        expect_error(C.request(self.base, "GET", "/v1/releases"), 401, "unauthorized")
        r = C.request(self.base, "GET", "/v1/releases", headers=C.bearer(self.token))
        require(r.status == 200 and r.json is not None, f"GET /v1/releases with a member token: {r.describe()}")

    def t_extra(self, n: int) -> None:
        receipts = C.submit_valid(self.base, self.token, n, self.period, keys=self.need_keys(),
                                  credential=self.need_credential())
        self.accepted.extend((self.period, r) for r in receipts)

    def all(self, extra: int) -> None:
        self.run("GET /v1/keys lists checked keys and this and last quarter's credential keys", self.t_keys)
        self.run("credential with a made-up token -> 401 unauthorized", self.t_credential_bad_token)
        self.run("credential without a token -> 401 unauthorized", self.t_credential_no_token)
        self.run(f"credential for {self.epoch} -> 200, finalises and verifies", self.t_credential)
        self.run("second credential for the same epoch -> 409 already_issued", self.t_credential_again)
        self.run(f"credential for {self.prev_epoch} (TOKEN2) -> 200", self.t_credential_previous_epoch)
        self.run("valid submission -> 202; same bytes and same report id -> 200 duplicate, same receipt",
                 self.t_valid_and_duplicates)
        self.run("tampered sealed box -> 400 decrypt_failed", self.t_tampered)
        self.run("truncated sealed boxes -> 400 decrypt_failed", self.t_truncated)
        self.run("forged credential signature -> 400 invalid_credential; nothing stored", self.t_forged_credential)
        self.run("credential message not the signed one -> 400 invalid_credential", self.t_forged_message)
        self.run(f"{self.prev_epoch} credential on a {self.period} report -> 400 invalid_credential",
                 self.t_other_epoch_credential)
        self.run(f"{self.prev_epoch} credential on a {self.prev_epoch} report -> 202 (control)",
                 self.t_previous_epoch_control)
        self.run("unknown key id -> 400 unknown_key", self.t_unknown_key)
        self.run("malformed envelopes -> 400 invalid_envelope", self.t_invalid_envelopes)
        self.run("body over 64 KiB -> 413 too_large", self.t_too_large)
        self.run("invalid enum -> 400 invalid_report naming victim.region; nothing stored", self.t_invalid_enum)
        self.run("GET /v1/releases needs a member token", self.t_releases_auth)
        if extra > 0:
            self.run(f"{extra} more valid submissions -> 202 each", lambda: self.t_extra(extra))


def main() -> int:
    ap = argparse.ArgumentParser(description="chatham interop tests against a live server")
    ap.add_argument("--server", default=os.environ.get("SERVER_URL"), help="base URL (or $SERVER_URL)")
    ap.add_argument("--token", default=os.environ.get("TOKEN"), help="member token (prefer $TOKEN)")
    ap.add_argument("--token2", default=os.environ.get("TOKEN2"), help="second member token (prefer $TOKEN2)")
    ap.add_argument("--period", default=C.current_period(), help="YYYY-MM of the valid reports (default: now)")
    ap.add_argument("--submit", type=int, default=0, metavar="N", help="submit N more valid reports at the end")
    ap.add_argument("--summary", help="write {period, accepted, receipts} JSON here")
    args = ap.parse_args()
    if not (args.server and args.token and args.token2):
        ap.error("need SERVER_URL, TOKEN and TOKEN2 (environment or flags)")

    suite = Suite(args.server, args.token, args.token2, args.period)
    suite.all(args.submit)
    if args.summary:
        mine = [r for p, r in suite.accepted if p == args.period]
        with open(args.summary, "w") as f:
            json.dump({"period": args.period, "accepted": len(mine), "receipts": mine,
                       "other_periods": [[p, r] for p, r in suite.accepted if p != args.period]}, f)
    print(f"{suite.passed} passed, {suite.failed} failed")
    return 0 if suite.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
