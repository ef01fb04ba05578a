#!/usr/bin/env python3
"""A chatham member client in plain Python, written from docs/protocol.md alone.

It exists to prove the protocol is enough to write a client in another
language, and to drive a live chatham-server from outside the Swift code.
Needs only the standard library, PyNaCl (libsodium) and `cryptography`.

    client.py keys --server URL [--key-id ID]
    client.py submit-valid --server URL --count N [--period YYYY-MM] [--state FILE]
    client.py check-release --server URL --period YYYY-MM --expect N

The member token is read from $CHATHAM_TOKEN (or the variable named by
--token-env) so it never appears in a process listing. Nothing here prints a
token, a plaintext or a credential.
"""

from __future__ import annotations

import argparse
import base64
import datetime as _dt
import hashlib
import http.client
import json
import math
import os
import sys
import time
import urllib.parse
from dataclasses import dataclass, field

import nacl.encoding
import nacl.hash
import nacl.public
import nacl.signing
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

MAX_BODY = 64 * 1024
SALT_LEN = 48  # RSABSSA-SHA384-PSS: salt length = SHA-384 output length


class ClientError(Exception):
    """A protocol step failed on the client side (bad key id, bad signature, bad response)."""


# ------------------------------------------------------------------- bytes


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


def blake2b256(data: bytes) -> bytes:
    return nacl.hash.blake2b(data, digest_size=32, encoder=nacl.encoding.RawEncoder)


def key_id(public_key: bytes) -> str:
    """Lowercase hex of the first 8 bytes of BLAKE2b-256(public key)."""
    return blake2b256(public_key)[:8].hex()


def pseudonym(prepared_message: bytes) -> str:
    """What the server will call us this epoch: hex BLAKE2b-256(prepared message)."""
    return blake2b256(prepared_message).hex()


# ---------------------------------------------------------------- periods


def current_period(now: _dt.datetime | None = None) -> str:
    now = now or _dt.datetime.now(_dt.timezone.utc)
    return f"{now.year:04d}-{now.month:02d}"


def epoch_of(period: str) -> str:
    year, month = (int(x) for x in period.split("-"))
    return f"{year:04d}-Q{(month - 1) // 3 + 1}"


def previous_epoch(epoch: str) -> str:
    year, q = int(epoch[:4]), int(epoch[-1])
    return f"{year - 1:04d}-Q4" if q == 1 else f"{year:04d}-Q{q - 1}"


def first_period_of(epoch: str) -> str:
    year, q = int(epoch[:4]), int(epoch[-1])
    return f"{year:04d}-{(q - 1) * 3 + 1:02d}"


# ------------------------------------------------------------------- HTTP


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes

    @property
    def json(self):
        try:
            return json.loads(self.body)
        except ValueError:
            return None

    def error_code(self) -> str | None:
        j = self.json
        if isinstance(j, dict) and isinstance(j.get("error"), dict):
            return j["error"].get("code")
        return None

    def describe(self) -> str:
        text = self.body[:300].decode("utf-8", "replace")
        return f"HTTP {self.status} {text}"


def request(base: str, method: str, path: str, body: bytes | None = None,
            headers: dict | None = None, timeout: float = 30) -> Response:
    """One HTTP exchange. Reads the reply even if the server stopped reading our body early."""
    url = urllib.parse.urlsplit(base)
    conn_cls = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
    conn = conn_cls(url.hostname, url.port, timeout=timeout)
    prefix = url.path.rstrip("/")
    hdrs = {"Accept": "application/json"}
    if body is not None:
        hdrs["Content-Type"] = "application/json"
    hdrs.update(headers or {})
    try:
        try:
            conn.request(method, prefix + path, body=body, headers=hdrs)
        except (BrokenPipeError, ConnectionResetError):
            pass  # a server may answer 413 and close before reading everything
        resp = conn.getresponse()
        data = resp.read()
        return Response(resp.status, {k.lower(): v for k, v in resp.getheaders()}, data)
    finally:
        conn.close()


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


# ------------------------------------------------------------------- keys


@dataclass
class ServerKeys:
    key_id: str
    public_key: bytes
    signing_key: bytes
    credential_keys: dict = field(default_factory=dict)  # epoch -> SPKI DER

    def credential_key(self, epoch: str) -> rsa.RSAPublicKey:
        if epoch not in self.credential_keys:
            raise ClientError(f"the server lists no credential key for epoch {epoch}")
        key = serialization.load_der_public_key(self.credential_keys[epoch])
        if not isinstance(key, rsa.RSAPublicKey) or key.key_size != 2048:
            raise ClientError(f"the credential key for {epoch} is not RSA-2048")
        return key


def parse_keys(doc: dict, pinned_key_id: str | None = None) -> ServerKeys:
    """Checks GET /v1/keys: every key id must match its key; pick the pinned (or newest) sealing key."""
    keys = doc["keys"]
    if not keys:
        raise ClientError("the server lists no sealing keys")
    chosen = None
    for k in sorted(keys, key=lambda k: str(k.get("created", ""))):
        pk = unb64(k["public_key"])
        if len(pk) != 32 or key_id(pk) != k["key_id"]:
            raise ClientError(f"key id {k['key_id']!r} does not match its public key")
        if pinned_key_id is None or k["key_id"] == pinned_key_id:
            chosen = (k["key_id"], pk)  # without a pin the newest key wins
    if chosen is None:
        raise ClientError(f"the server does not offer the pinned key id {pinned_key_id}")
    signing = unb64(doc["signing_key"])
    if len(signing) != 32:
        raise ClientError("signing_key is not a 32-byte Ed25519 key")
    creds = {c["epoch"]: unb64(c["public_key"]) for c in doc["credential_keys"]}
    return ServerKeys(chosen[0], chosen[1], signing, creds)


def fetch_keys(base: str, pinned_key_id: str | None = None) -> ServerKeys:
    r = request(base, "GET", "/v1/keys")
    if r.status != 200 or not isinstance(r.json, dict):
        raise ClientError(f"GET /v1/keys: {r.describe()}")
    return parse_keys(r.json, pinned_key_id)


# ---------------------------------------------------- RFC 9474 blind RSA


def _mgf1(seed: bytes, length: int) -> bytes:
    out = b""
    counter = 0
    while len(out) < length:
        out += hashlib.sha384(seed + counter.to_bytes(4, "big")).digest()
        counter += 1
    return out[:length]


def emsa_pss_encode(message: bytes, em_bits: int, salt: bytes) -> bytes:
    em_len = (em_bits + 7) // 8
    h_len = 48
    m_hash = hashlib.sha384(message).digest()
    h = hashlib.sha384(b"\x00" * 8 + m_hash + salt).digest()
    db = b"\x00" * (em_len - len(salt) - h_len - 2) + b"\x01" + salt
    masked = bytearray(x ^ y for x, y in zip(db, _mgf1(h, em_len - h_len - 1)))
    masked[0] &= 0xFF >> (8 * em_len - em_bits)
    return bytes(masked) + h + b"\xbc"


@dataclass
class Blinding:
    """What the client keeps between blinding and finalising. Secret: never send or log it."""
    epoch: str
    prepared: bytes
    inv: int


def blind(pub: rsa.RSAPublicKey, epoch: str, random=os.urandom) -> tuple[bytes, Blinding]:
    """RFC 9474 Prepare (randomized) + Blind. Returns (blinded message, state)."""
    nums = pub.public_numbers()
    n, e = nums.n, nums.e
    k = (n.bit_length() + 7) // 8
    prepared = random(32) + random(32)  # 32-byte randomizer || 32-byte message
    encoded = emsa_pss_encode(prepared, n.bit_length() - 1, random(SALT_LEN))
    m = int.from_bytes(encoded, "big")
    if math.gcd(m, n) != 1:
        raise ClientError("blinding: message not coprime with n")
    while True:
        r = int.from_bytes(random(k + 16), "big") % n
        if r > 1 and math.gcd(r, n) == 1:
            break
    blinded = (m * pow(r, e, n)) % n
    return blinded.to_bytes(k, "big"), Blinding(epoch, prepared, pow(r, -1, n))


def pss_verify(pub: rsa.RSAPublicKey, message: bytes, sig: bytes) -> bool:
    try:
        pub.verify(sig, message, padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=SALT_LEN),
                   hashes.SHA384())
        return True
    except Exception:
        return False


def finalize(pub: rsa.RSAPublicKey, blind_sig: bytes, state: Blinding) -> dict:
    """RFC 9474 Finalize; returns the credential {"epoch","message","signature"}."""
    n = pub.public_numbers().n
    k = (n.bit_length() + 7) // 8
    if len(blind_sig) != k:
        raise ClientError(f"blind signature is {len(blind_sig)} bytes, expected {k}")
    sig = ((int.from_bytes(blind_sig, "big") * state.inv) % n).to_bytes(k, "big")
    if not pss_verify(pub, state.prepared, sig):
        raise ClientError("the server's blind signature does not finalise to a valid signature")
    return {"epoch": state.epoch, "message": b64(state.prepared), "signature": b64(sig)}


def request_credential(base: str, token: str, keys: ServerKeys, epoch: str) -> tuple[Response, dict | None]:
    """POST /v1/credentials; the credential when the server said 200, else None (see the response)."""
    pub = keys.credential_key(epoch)
    blinded, state = blind(pub, epoch)
    body = json.dumps({"epoch": epoch, "blinded_message": b64(blinded)}).encode()
    r = request(base, "POST", "/v1/credentials", body, bearer(token))
    if r.status != 200:
        return r, None
    j = r.json
    if not isinstance(j, dict) or not isinstance(j.get("blind_signature"), str):
        raise ClientError(f"POST /v1/credentials: unexpected body {r.describe()}")
    return r, finalize(pub, unb64(j["blind_signature"]), state)


# ------------------------------------------------------------- submission


def new_report(period: str, report_id: str | None = None) -> dict:
    """A valid chatham.report/1 (DESIGN's example) for `period`."""
    return {
        "schema": "chatham.report/1",
        "id": report_id or os.urandom(16).hex(),
        "period": period,
        "victim": {"sector": "52", "size": "1001-10000", "region": "europe"},
        "actor": {"kind": "external", "motive": "financial"},
        "actions": [{"category": "malware", "variety": "ransomware", "vector": "email-attachment"}],
        "techniques": ["T1566.001", "T1486"],
        "assets": ["server", "user-device"],
        "attributes": ["availability", "confidentiality"],
        "discovery": "internal",
        "timeline": {"dwell": "days", "containment": "hours"},
        "impact": {"loss": "100k-1m", "downtime": "days"},
        "mitigations": [{"id": "M1032", "stage": "after", "effective": "yes"}],
        "narrative": "Phishing e-mail led to ransomware on two file servers; restored from backups in a day.",
        "share_narrative": False,
    }


def seal(keys: ServerKeys, credential: dict, report: dict) -> bytes:
    """crypto_box_seal of the UTF-8 JSON plaintext to the server's sealing key."""
    plaintext = json.dumps({"credential": credential, "report": report}, separators=(",", ":"),
                           ensure_ascii=False).encode("utf-8")
    return nacl.public.SealedBox(nacl.public.PublicKey(keys.public_key)).encrypt(plaintext)


def envelope(kid: str, sealed: bytes, version=1) -> bytes:
    return json.dumps({"version": version, "key_id": kid, "sealed": b64(sealed)}).encode("utf-8")


def submit(base: str, body: bytes, attempts: int = 4) -> Response:
    """POST /v1/submissions. On a lost reply it resends the same bytes (safe: the report id dedups)."""
    delay = 0.5
    for attempt in range(attempts):
        try:
            r = request(base, "POST", "/v1/submissions", body)
        except (ConnectionError, TimeoutError, http.client.HTTPException, OSError):
            if attempt == attempts - 1:
                raise
            time.sleep(delay)
            delay *= 2
            continue
        if r.status == 429 and attempt < attempts - 1:
            time.sleep(float(r.headers.get("retry-after", delay)))
            delay *= 2
            continue
        return r
    raise AssertionError("unreachable")


# ---------------------------------------------------------- credential state


def load_state(path: str | None) -> dict:
    if not path or not os.path.exists(path):
        return {}
    with open(path) as f:
        return json.load(f)


def save_state(path: str | None, state: dict) -> None:
    if not path:
        return
    fd = os.open(path + ".tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(state, f)
    os.replace(path + ".tmp", path)


def credential_for(base: str, token: str, keys: ServerKeys, epoch: str, state_path: str | None) -> dict:
    """The member's credential for `epoch`: from the state file, else fetched once and kept."""
    state = load_state(state_path)
    if epoch in state:
        return state[epoch]
    r, cred = request_credential(base, token, keys, epoch)
    if cred is None:
        raise ClientError(f"POST /v1/credentials for {epoch}: {r.describe()}")
    state[epoch] = cred
    save_state(state_path, state)
    return cred


def submit_valid(base: str, token: str, count: int, period: str, state_path: str | None = None,
                 keys: ServerKeys | None = None, credential: dict | None = None) -> list[str]:
    """Submits `count` fresh valid reports for `period`; returns their receipts."""
    keys = keys or fetch_keys(base)
    epoch = epoch_of(period)
    credential = credential or credential_for(base, token, keys, epoch, state_path)
    receipts = []
    for _ in range(count):
        r = submit(base, envelope(keys.key_id, seal(keys, credential, new_report(period))))
        j = r.json
        if r.status != 202 or not isinstance(j, dict) or j.get("duplicate") is not False:
            raise ClientError(f"POST /v1/submissions: {r.describe()}")
        receipts.append(j["receipt"])
    return receipts


# ------------------------------------------------------------------ releases


def _jcs_number(x) -> str:
    if isinstance(x, int):
        return str(x)
    if not math.isfinite(x):
        raise ValueError("non-finite number")
    if x == 0:
        return "0"
    if x.is_integer() and abs(x) < 1e21:
        return str(int(x))
    text = repr(x)
    if "e" in text:
        mant, exp = text.split("e")
        exp_i = int(exp)
        if -7 < exp_i < 21:
            from decimal import Decimal
            text = format(Decimal(text), "f")
        else:
            text = f"{mant}e{'+' if exp_i > 0 else '-'}{abs(exp_i)}"
    return text


def jcs(value) -> bytes:
    """RFC 8785 canonical JSON."""
    def enc(v) -> str:
        if v is None:
            return "null"
        if v is True:
            return "true"
        if v is False:
            return "false"
        if isinstance(v, (int, float)):
            return _jcs_number(v)
        if isinstance(v, str):
            return json.dumps(v, ensure_ascii=False)
        if isinstance(v, list):
            return "[" + ",".join(enc(i) for i in v) + "]"
        if isinstance(v, dict):
            ks = sorted(v, key=lambda s: s.encode("utf-16-be"))
            return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + enc(v[k]) for k in ks) + "}"
        raise TypeError(type(v))
    return enc(value).encode("utf-8")


def verify_release(doc: dict, signing_key: bytes) -> bool:
    """Ed25519 over JCS(document without "signature"), by the key GET /v1/keys serves."""
    try:
        s = doc["signature"]
        if s["alg"] != "ed25519" or unb64(s["key"]) != signing_key:
            return False
        body = {k: v for k, v in doc.items() if k != "signature"}
        nacl.signing.VerifyKey(signing_key).verify(jcs(body), unb64(s["value"]))
        return True
    except Exception:
        return False


def grand_totals(doc: dict) -> list[tuple[str, int | None, str]]:
    """(table name, count, status) of each table's all-"*" cell."""
    out = []
    for t in doc.get("tables", []):
        for c in t.get("cells", []):
            if set(c["key"]) == set(t["dimensions"]) and all(v == "*" for v in c["key"].values()):
                out.append((t["name"], c["count"], c["status"]))
    return out


def check_release(base: str, token: str, period: str, expect: int) -> list[str]:
    """Problems with the published release of `period` (empty when all is well)."""
    keys = fetch_keys(base)
    r = request(base, "GET", f"/v1/releases/{period}", headers=bearer(token))
    if r.status != 200 or not isinstance(r.json, dict):
        return [f"GET /v1/releases/{period}: {r.describe()}"]
    doc = r.json
    problems = []
    if doc.get("schema") != "chatham.release/1" or doc.get("period") != period:
        problems.append(f"release schema/period wrong: {doc.get('schema')!r} {doc.get('period')!r}")
    if not verify_release(doc, keys.signing_key):
        problems.append("release signature does not verify against GET /v1/keys signing_key")
    totals = grand_totals(doc)
    if len(totals) != len(doc.get("tables", [])) or not totals:
        problems.append(f"not every table carries a grand total ({len(totals)} of {len(doc.get('tables', []))})")
    published = [(name, count) for name, count, status in totals if status == "published"]
    if not published:
        problems.append("no table publishes its grand total")
    for name, count in published:
        if count != expect:
            problems.append(f"table {name}: grand total {count}, expected {expect}")
    for name, count, status in totals:
        if status == "suppressed" and count is not None:
            problems.append(f"table {name}: suppressed grand total has a count")
    lst = request(base, "GET", "/v1/releases", headers=bearer(token))
    if lst.status != 200 or period not in json.dumps(lst.json):
        problems.append(f"GET /v1/releases does not list {period}: {lst.describe()}")
    return problems


# ----------------------------------------------------------------------- CLI


def _token(args) -> str:
    token = os.environ.get(args.token_env)
    if not token:
        raise SystemExit(f"client.py: error: set ${args.token_env} to the member token")
    return token


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="chatham member client (Python, from docs/protocol.md)")
    sub = ap.add_subparsers(dest="cmd", required=True)

    p = sub.add_parser("keys", help="fetch and check GET /v1/keys")
    p.add_argument("--server", required=True)
    p.add_argument("--key-id", help="refuse unless the server offers this sealing key id")

    p = sub.add_parser("submit-valid", help="submit N valid reports; prints their receipts as JSON")
    p.add_argument("--server", required=True)
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--period", default=current_period(), help="YYYY-MM (default: this month, UTC)")
    p.add_argument("--state", help="file keeping credentials between runs (0600)")
    p.add_argument("--token-env", default="CHATHAM_TOKEN", help="environment variable holding the token")
    p.add_argument("--expect-error", metavar="CODE",
                   help="succeed only if the server refuses the first report with this error code")

    p = sub.add_parser("check-release", help="fetch a release, verify it, check its grand totals")
    p.add_argument("--server", required=True)
    p.add_argument("--period", required=True)
    p.add_argument("--expect", type=int, required=True, help="expected number of reports in the period")
    p.add_argument("--token-env", default="CHATHAM_TOKEN")

    args = ap.parse_args(argv)
    try:
        if args.cmd == "keys":
            k = fetch_keys(args.server, args.key_id)
            print(json.dumps({"key_id": k.key_id, "credential_epochs": sorted(k.credential_keys)}))
        elif args.cmd == "submit-valid" and args.expect_error:
            keys = fetch_keys(args.server)
            cred = credential_for(args.server, _token(args), keys, epoch_of(args.period), args.state)
            r = submit(args.server, envelope(keys.key_id, seal(keys, cred, new_report(args.period))))
            if r.error_code() != args.expect_error:
                print(f"client.py: error: expected {args.expect_error}, got {r.describe()}", file=sys.stderr)
                return 1
            print(f"refused as expected: HTTP {r.status} {args.expect_error}")
        elif args.cmd == "submit-valid":
            receipts = submit_valid(args.server, _token(args), args.count, args.period, args.state)
            print(json.dumps({"period": args.period, "receipts": receipts}))
        elif args.cmd == "check-release":
            problems = check_release(args.server, _token(args), args.period, args.expect)
            for line in problems:
                print(f"client.py: release: {line}", file=sys.stderr)
            if problems:
                return 1
            print(f"release {args.period}: signature valid, grand total {args.expect}")
    except ClientError as e:
        print(f"client.py: error: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
