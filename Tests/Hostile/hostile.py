#!/usr/bin/env python3
"""Hostile-input suite: thousands of generated bad requests against a live chatham-server.

    python3 Tests/Hostile/hostile.py .build/debug/chatham-server [--count 10000] [--seed 7] [--threads 4]

Every request is bad on purpose: truncated and bit-flipped envelopes, wrong JSON types, huge
numbers, deep nesting, invalid UTF-8, overlong and malformed base64, Unicode tricks (homoglyph
keys, BOMs, zero-width and fullwidth characters, NULs), oversize and chunked bodies, slow bodies,
well-sealed boxes with bad plaintexts, forged credentials and invalid reports, bad member tokens,
odd paths and methods. For each one the suite knows which error codes are acceptable; it checks

  * the reply is a 4xx with a JSON `{"error":{"code","message"}}` whose code is one of those (never
    a 5xx, never a 2xx, never a dropped connection),
  * the same request answers the same code when repeated (a sample is replayed),
  * nothing was stored (the SQLite report count is unchanged),
  * the server is still running and still accepts a valid submission afterwards, and logged no
    internal failure.

Bounded: --count requests (default 10,000) and --max-time seconds (default 300). Prints
"N passed, M failed" last; exits non-zero on any failure.
"""
import argparse
import base64
import http.client
import json
import os
import random
import socket
import sys
import threading
import time
from collections import Counter

import nacl.public

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from harness import Server, client  # noqa: E402

ENVELOPE_CODES = {"invalid_envelope", "unknown_key", "decrypt_failed"}
INNER_CODES = {"invalid_report", "invalid_credential"}


class Corpus:
    """Valid ingredients the generators break: keys, a credential, a valid report and envelope."""

    def __init__(self, srv: Server, rng: random.Random):
        self.rng = rng
        self.keys = client.fetch_keys(srv.base, srv.key_id)
        self.period = client.current_period()
        self.epoch = client.epoch_of(self.period)
        _, cred = client.request_credential(srv.base, srv.tokens[0], self.keys, self.epoch)
        assert cred is not None, "could not get a credential"
        self.credential = cred
        self.token = srv.tokens[1]
        self.box = nacl.public.SealedBox(nacl.public.PublicKey(self.keys.public_key))

    def report(self) -> dict:
        return client.new_report(self.period)

    def seal_bytes(self, plaintext: bytes) -> bytes:
        return client.envelope(self.keys.key_id, self.box.encrypt(plaintext))

    def valid_envelope(self) -> bytes:
        """A valid submission never sent as is: only mutated copies leave the suite."""
        return client.envelope(self.keys.key_id, client.seal(self.keys, self.credential, self.report()))

    def garbage_sealed(self, n: int = 200) -> str:
        return base64.b64encode(os.urandom(n)).decode()


# ----------------------------------------------------------------- generators
# Each returns (label, method, path, headers, body, acceptable codes).


def g_truncate(c: Corpus):
    body = c.valid_envelope()
    k = c.rng.randrange(0, len(body))
    return "truncated envelope", "POST", "/v1/submissions", {}, body[:k], {"invalid_envelope"}


def g_bitflip(c: Corpus):
    body = bytearray(c.valid_envelope())
    for _ in range(c.rng.choice([1, 1, 2, 8])):
        i = c.rng.randrange(len(body))
        body[i] ^= 1 << c.rng.randrange(8)
    return "bit-flipped envelope", "POST", "/v1/submissions", {}, bytes(body), ENVELOPE_CODES


def g_sealed_tamper(c: Corpus):
    env = json.loads(c.valid_envelope())
    sealed = bytearray(base64.b64decode(env["sealed"]))
    how = c.rng.choice(["flip", "cut", "extend", "swap"])
    if how == "flip":
        sealed[c.rng.randrange(len(sealed))] ^= 1 << c.rng.randrange(8)
    elif how == "cut":
        sealed = sealed[:c.rng.randrange(len(sealed))]
    elif how == "extend":
        sealed += os.urandom(c.rng.randrange(1, 64))
    else:
        i, j = c.rng.randrange(len(sealed)), c.rng.randrange(len(sealed))
        if sealed[i] == sealed[j]:
            sealed[i] ^= 0xFF
        sealed[i], sealed[j] = sealed[j], sealed[i]
    env["sealed"] = base64.b64encode(bytes(sealed)).decode()
    return f"tampered sealed box ({how})", "POST", "/v1/submissions", {}, json.dumps(env).encode(), {"decrypt_failed"}


WRONG_VALUES = [None, True, False, 0, -1, 2, "1", "", [], {}, [1], {"a": 1}, 1.5, 1e308, -1e308,
                10**30, -(10**30), "x" * 5000, "\u0000"]


def g_wrong_type(c: Corpus):
    env = json.loads(c.valid_envelope())
    env["sealed"] = c.garbage_sealed()  # never a valid box: at worst decrypt_failed
    field = c.rng.choice(["version", "key_id", "sealed"])
    env[field] = value = c.rng.choice(WRONG_VALUES)
    # "" is valid (empty) base64 for `sealed`: the empty box then fails to open.
    # and so is "xxxx…" (5000 × x): the box then fails to open.
    codes = {"invalid_envelope", "decrypt_failed"} if field == "sealed" and isinstance(value, str) else {"invalid_envelope"}
    return f"wrong type for {field}", "POST", "/v1/submissions", {}, json.dumps(env).encode(), codes


def g_huge_number(c: Corpus):
    num = c.rng.choice(["1e400", "-1e400", "99999999999999999999999999999", "1" + "0" * 4000, "0.1e-400",
                        "18446744073709551617", "-9223372036854775809", "1E+99999", "NaN", "Infinity", "-0", "01", "1.0e0"])
    body = ('{"version":%s,"key_id":"%s","sealed":"%s"}' % (num, c.keys.key_id, c.garbage_sealed())).encode()
    return "huge or odd number", "POST", "/v1/submissions", {}, body, {"invalid_envelope", "decrypt_failed"}


def g_deep(c: Corpus):
    depth = c.rng.choice([64, 600, 5000, 20000])
    kind = c.rng.choice(["array", "object", "in-field"])
    if kind == "array":
        body = b"[" * depth + b"]" * depth
    elif kind == "object":
        body = b'{"a":' * depth + b"1" + b"}" * depth
    else:
        body = ('{"version":1,"key_id":"%s","sealed":' % c.keys.key_id).encode() + b"[" * depth + b"]" * depth + b"}"
    if c.rng.random() < 0.3:
        body = body[: c.rng.randrange(len(body))]  # unbalanced too
    return f"deep nesting ({kind}, {depth})", "POST", "/v1/submissions", {}, body[:60000], {"invalid_envelope"}


BAD_UTF8 = [b"\xff", b"\xfe\xff", b"\xc0\xaf", b"\xe0\x80\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\x80",
            b"\xc3", b"\xf8\x88\x80\x80\x80"]


def g_bad_utf8(c: Corpus):
    body = bytearray(c.valid_envelope())
    bad = c.rng.choice(BAD_UTF8)
    where = c.rng.choice(["key", "key_id", "sealed", "anywhere"])
    text = body.decode()
    if where == "key":
        i = text.index('"version"') + 2
    elif where == "key_id":
        i = text.index(c.keys.key_id) + 3
    elif where == "sealed":
        i = text.index('"sealed": "') + 15
    else:
        i = c.rng.randrange(len(body))
    body[i:i] = bad
    return f"invalid UTF-8 in {where}", "POST", "/v1/submissions", {}, bytes(body), ENVELOPE_CODES


def g_base64(c: Corpus):
    env = json.loads(c.valid_envelope())
    s = env["sealed"]
    how = c.rng.choice(["overlong", "nopad", "urlsafe", "whitespace", "badchar", "extra-pad", "empty", "huge-valid"])
    codes = {"invalid_envelope"}
    if how == "overlong":
        s = s + s  # decodes, wrong box
        codes = {"invalid_envelope", "decrypt_failed"}
    elif how == "nopad":
        s = base64.b64encode(os.urandom(c.rng.choice([100, 101]))).decode().rstrip("=")
    elif how == "urlsafe":
        s = base64.urlsafe_b64encode(b"\xfb\xff" * 90).decode()
    elif how == "whitespace":
        i = c.rng.randrange(1, len(s) - 1)
        s = s[:i] + c.rng.choice([" ", "\n", "\t", "\r\n"]) + s[i:]
    elif how == "badchar":
        i = c.rng.randrange(len(s) - 2)
        s = s[:i] + c.rng.choice("!@#$%^&*()-_.~é") + s[i + 1:]
    elif how == "extra-pad":
        s = s + "===="
        codes = {"invalid_envelope", "decrypt_failed"}
    elif how == "empty":
        s = ""
        codes = {"invalid_envelope", "decrypt_failed"}
    else:
        s = base64.b64encode(os.urandom(c.rng.randrange(30000, 45000))).decode()
        codes = {"decrypt_failed"}
    env["sealed"] = s
    return f"base64 ({how})", "POST", "/v1/submissions", {}, json.dumps(env).encode(), codes


UNICODE_KEYS = ["v\u0435rsion", "version\u200b", "\ufeffversion", "VERSION", "ver\u00adsion", "key\u2010id", "sеaled"]


def g_unicode(c: Corpus):
    sealed = c.garbage_sealed()
    kid = c.keys.key_id
    how = c.rng.choice(["homoglyph-key", "fullwidth-keyid", "zero-width-keyid", "rtl", "nul", "bom", "uppercase-keyid",
                        "duplicate-key", "escaped-keyid", "nfd"])
    codes = {"invalid_envelope"}
    if how == "homoglyph-key":
        key, ascii_only = c.rng.choice(UNICODE_KEYS), c.rng.random() < 0.5
        body = json.dumps({"version": 1, "key_id": kid, "sealed": sealed, key: 1}, ensure_ascii=ascii_only)
        # A raw U+FEFF at the start of a key once slipped past the unknown-member check (Foundation's
        # parser dropped it); the strict parser keeps it, so the key is unknown like any other.
    elif how == "fullwidth-keyid":
        body = json.dumps({"version": 1, "key_id": "".join(chr(ord(ch) + 0xFEE0) for ch in kid), "sealed": sealed}, ensure_ascii=False)
    elif how == "zero-width-keyid":
        body = json.dumps({"version": 1, "key_id": kid[:8] + "\u200d" + kid[8:], "sealed": sealed}, ensure_ascii=False)
    elif how == "rtl":
        body = json.dumps({"version": 1, "key_id": "\u202e" + kid[:15], "sealed": sealed}, ensure_ascii=False)
    elif how == "nul":
        body = json.dumps({"version": 1, "key_id": kid[:15] + "\u0000", "sealed": sealed})
    elif how == "bom":
        body = "\ufeff" + json.dumps({"version": 1, "key_id": kid, "sealed": sealed})
        codes = {"invalid_envelope", "decrypt_failed"}
    elif how == "uppercase-keyid":
        body = json.dumps({"version": 1, "key_id": kid.upper() if kid.upper() != kid else "G" + kid[1:], "sealed": sealed})
    elif how == "duplicate-key":
        body = '{"version":1,"key_id":"%s","sealed":"%s","sealed":"%s"}' % (kid, sealed, sealed)
        codes = {"invalid_envelope", "decrypt_failed"}
    elif how == "escaped-keyid":
        body = '{"version":1,"key_id":"%s","sealed":"%s"}' % ("".join("\\u%04x" % ord(ch) for ch in kid), sealed)
        codes = {"decrypt_failed"}  # JSON escapes are the same string: a valid id, a garbage box
    else:
        body = json.dumps({"version": 1, "key_id": kid, "sealed": sealed, "ve\u0301rsion": 1}, ensure_ascii=False)
    return f"unicode trick ({how})", "POST", "/v1/submissions", {}, body.encode("utf-8"), codes


def _inner(c: Corpus, credential, report, extra=None) -> bytes:
    obj = {"credential": credential, "report": report}
    if extra:
        obj.update(extra)
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


REPORT_BREAKS = [
    ("schema", "chatham.report/2"), ("schema", None), ("id", "XYZ"), ("id", 12), ("id", "0" * 31), ("period", "2026-13"),
    ("period", "26-10"), ("period", 202610), ("victim", None), ("victim", {"sector": "99x", "size": "1-10", "region": "europe"}),
    ("victim", {"sector": "52", "size": "huge", "region": "europe"}), ("victim", {"sector": "52", "size": "1-10", "region": "mars"}),
    ("actor", {"kind": "alien", "motive": "financial"}), ("actor", "external"), ("actions", []), ("actions", [{}]),
    ("actions", [{"category": "malware", "variety": "r\u0430nsomware", "vector": "email-attachment"}]),
    ("techniques", ["T99999"]), ("techniques", "T1486"), ("techniques", ["T1486"] * 10000), ("assets", [1, 2]),
    ("attributes", ["availability\u0000"]), ("discovery", "psychic"), ("timeline", {"dwell": "eons"}),
    ("impact", {"loss": 1e400}), ("impact", {"loss": "over-9000"}), ("mitigations", [{"id": "M9", "stage": "never"}]),
    ("share_narrative", "yes"), ("narrative", 5), ("unknown_field", 1), ("victim", [[[[[[]]]]]]),
]


def g_inner(c: Corpus):
    how = c.rng.choice(["not-json", "not-object", "no-credential", "no-report", "extra-member", "forged-signature",
                        "wrong-epoch", "short-message", "credential-types", "report-break", "report-break",
                        "report-break", "deep-report", "invalid-utf8-plaintext"])
    cred, report = dict(c.credential), c.report()
    codes = INNER_CODES
    if how == "not-json":
        pt = c.rng.choice([b"", b"{", b"null", b"\xff\xfe", os.urandom(64)])
    elif how == "not-object":
        pt = c.rng.choice([b"[]", b"1", b'"x"', b"true"])
    elif how == "no-credential":
        pt = json.dumps({"report": report}).encode()
    elif how == "no-report":
        pt = json.dumps({"credential": cred}).encode()
    elif how == "extra-member":
        pt = _inner(c, cred, report, {"sender": "acme"})
    elif how == "forged-signature":
        sig = bytearray(base64.b64decode(cred["signature"]))
        sig[c.rng.randrange(len(sig))] ^= 1
        cred["signature"] = base64.b64encode(bytes(sig)).decode()
        pt = _inner(c, cred, report)
        codes = {"invalid_credential"}
    elif how == "wrong-epoch":
        cred["epoch"] = c.rng.choice([client.previous_epoch(c.epoch), "2026-Q9", "", "x" * 100])
        pt = _inner(c, cred, report)
        codes = {"invalid_credential"}
    elif how == "short-message":
        cred["message"] = base64.b64encode(os.urandom(c.rng.choice([0, 1, 63, 65, 4096]))).decode()
        pt = _inner(c, cred, report)
        codes = {"invalid_credential"}
    elif how == "credential-types":
        cred[c.rng.choice(["epoch", "message", "signature"])] = c.rng.choice(WRONG_VALUES[:12])
        pt = _inner(c, cred, report)
        codes = {"invalid_credential", "invalid_report"}
    elif how == "report-break":
        field, value = c.rng.choice(REPORT_BREAKS)
        if value is None:
            report.pop(field, None)
        else:
            report[field] = value
        pt = _inner(c, cred, report)
        codes = {"invalid_report", "invalid_credential"}
    elif how == "deep-report":
        report["victim"] = json.loads("[" * 400 + "]" * 400)
        pt = _inner(c, cred, report)
        codes = {"invalid_report"}
    else:
        pt = _inner(c, cred, report).replace(b"europe", b"europ\xff")
        codes = {"invalid_report"}
    body = c.seal_bytes(pt)
    if len(body) > 65536:
        return f"sealed plaintext ({how}, oversize)", "POST", "/v1/submissions", {}, body, {"too_large"}
    return f"sealed plaintext ({how})", "POST", "/v1/submissions", {}, body, codes


def g_unknown_key(c: Corpus):
    env = json.loads(c.valid_envelope())
    kid = "%016x" % c.rng.getrandbits(64)
    if kid == c.keys.key_id:
        kid = "0" * 16
    env["key_id"] = kid
    return "unknown key id", "POST", "/v1/submissions", {}, json.dumps(env).encode(), {"unknown_key"}


def g_oversize(c: Corpus):
    n = c.rng.choice([65537, 70000, 200000, 1 << 20])
    body = b'{"version":1,"key_id":"' + c.keys.key_id.encode() + b'","sealed":"' + b"A" * n + b'"}'
    path = c.rng.choice(["/v1/submissions", "/v1/credentials"])
    hdrs = {"Authorization": f"Bearer {c.token}"} if path == "/v1/credentials" else {}
    codes = {"too_large"} if path == "/v1/submissions" else {"too_large", "rate_limited"}
    return f"oversize body ({n} bytes) to {path}", "POST", path, hdrs, body, codes


BAD_TOKENS = ["", "Bearer", "chm_member_", "chm_member_" + "A" * 43, "chm_member_" + "A" * 42 + "é", "chm_member_" + "A" * 5000,
              "\u0000", "chm_member_" + "=" * 43, "Basic dXNlcjpwYXNz", "chm_member_" + "A" * 43 + "\u200b"]


def g_bad_token(c: Corpus):
    tok = c.rng.choice(BAD_TOKENS)
    path, method = c.rng.choice([("/v1/credentials", "POST"), ("/v1/releases", "GET"), ("/v1/releases/2026-10", "GET"),
                                 ("/v1/releases/2026-10/digest/json", "GET")])
    value = tok if tok.startswith("Basic") else f"Bearer {tok}"
    hdrs = {"Authorization": value.encode("utf-8").decode("latin-1")}
    # A NUL in a header is not HTTP: NIO's parser refuses it with a bare 400 before any route runs.
    codes = {"unauthorized", None} if "\u0000" in tok else {"unauthorized"}
    body = json.dumps({"epoch": c.epoch, "blinded_message": "AAAA"}).encode() if method == "POST" else None
    return "bad member token", method, path, hdrs, body, codes


def g_credential_body(c: Corpus):
    body = c.rng.choice([b"", b"{", b"[]", b'{"epoch":1}', b'{"epoch":"2026-Q4","blinded_message":"!!"}',
                         json.dumps({"epoch": "2999-Q1", "blinded_message": "AAAA"}).encode(),
                         json.dumps({"epoch": c.epoch, "blinded_message": base64.b64encode(os.urandom(300)).decode()}).encode(),
                         json.dumps({"epoch": "1999-Q4", "blinded_message": "AAAA"}).encode(), b"\xff\xfe"])
    return "bad credential request", "POST", "/v1/credentials", {"Authorization": f"Bearer {c.token}"}, body, \
        {"invalid_request", "rate_limited"}


def g_paths(c: Corpus):
    path, codes = c.rng.choice([
        ("/v1/releases/" + "9" * 3000, {"not_found"}), ("/v1/releases/2026-10%00", {"not_found"}),
        ("/v1/releases/..%2f..%2fetc%2fpasswd", {"not_found"}), ("/v1/releases/2026-1O", {"not_found"}),
        ("/v1/releases/2026-10/digest/exe", {"not_found"}), ("/v1/releases/2026-10/digest/json?tlp=purple", {"not_found"}),
        ("/v1/releases/%F0%9F%92%A5", {"not_found"}), ("/v1/nope", {"not_found"}), ("/v2/keys", {"not_found"}),
        ("/v1/releases/2099-01", {"not_found"}),
    ])
    hdrs = {"Authorization": f"Bearer {c.token}"}
    return "odd path", "GET", path, hdrs, None, codes


def g_methods(c: Corpus):
    method, path = c.rng.choice([("PUT", "/v1/submissions"), ("DELETE", "/v1/submissions"), ("GET", "/v1/submissions"),
                                 ("PATCH", "/v1/keys"), ("POST", "/v1/keys"), ("DELETE", "/v1/releases"),
                                 ("PUT", "/healthz"), ("GET", "/v1/credentials")])
    return "wrong method", method, path, {}, b"{}" if method != "GET" else None, {"method_not_allowed", "not_found"}


GENERATORS = [(g_truncate, 10), (g_bitflip, 12), (g_sealed_tamper, 8), (g_wrong_type, 8), (g_huge_number, 5),
              (g_deep, 5), (g_bad_utf8, 8), (g_base64, 8), (g_unicode, 8), (g_inner, 14), (g_unknown_key, 3),
              (g_oversize, 2), (g_bad_token, 4), (g_credential_body, 1), (g_paths, 3), (g_methods, 2)]


# ------------------------------------------------------------------- sending


class Conn:
    """One keep-alive HTTP connection, reopened when the server closes it."""

    def __init__(self, port: int):
        self.port = port
        self.conn = None

    def send(self, method, path, headers, body, chunked=False):
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                hdrs = {"Content-Type": "application/json"} if body is not None else {}
                hdrs.update(headers)
                if chunked:
                    self.conn.putrequest(method, path)
                    for k, v in hdrs.items():
                        self.conn.putheader(k, v)
                    self.conn.putheader("Transfer-Encoding", "chunked")
                    self.conn.endheaders()
                    try:
                        for i in range(0, len(body), 8192):
                            part = body[i:i + 8192]
                            self.conn.send(b"%x\r\n%s\r\n" % (len(part), part))
                        self.conn.send(b"0\r\n\r\n")
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                else:
                    try:
                        self.conn.request(method, path, body=body, headers=hdrs)
                    except (BrokenPipeError, ConnectionResetError):
                        pass  # the server may refuse an oversize body before reading it
                resp = self.conn.getresponse()
                data = resp.read()
                if resp.getheader("connection", "").lower() == "close":
                    self.close()
                return resp.status, data
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError, http.client.BadStatusLine):
                self.close()
                if attempt == 1:
                    raise
        raise RuntimeError("unreachable")

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def code_of(data: bytes):
    try:
        j = json.loads(data)
        if isinstance(j, dict) and isinstance(j.get("error"), dict) and isinstance(j["error"].get("message"), str):
            return j["error"].get("code")
    except ValueError:
        pass
    return None


def slow_body(port: int, body: bytes, pieces: int, delay: float):
    """Sends `body` in `pieces` with pauses; returns (status, data)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=30)
    try:
        s.sendall(b"POST /v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  b"Content-Length: %d\r\n\r\n" % len(body))
        step = max(1, len(body) // pieces)
        for i in range(0, len(body), step):
            s.sendall(body[i:i + step])
            time.sleep(delay)
        f = s.makefile("rb")
        resp = http.client.HTTPResponse(s)
        resp.begin()
        data = resp.read()
        f.close()
        return resp.status, data
    finally:
        s.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("binary")
    ap.add_argument("--count", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--threads", type=int, default=4)
    ap.add_argument("--max-time", type=float, default=300)
    ap.add_argument("--replay", type=int, default=300, help="requests replayed to check the code is stable")
    args = ap.parse_args()
    passed = failed = 0

    def check(ok: bool, what: str) -> None:
        nonlocal passed, failed
        print(("ok   " if ok else "FAIL ") + what, flush=True)
        passed, failed = passed + ok, failed + (not ok)

    with Server(args.binary, members=2) as srv:
        rng = random.Random(args.seed)
        corpus = Corpus(srv, rng)
        before = srv.stored_reports()
        weights = [w for _, w in GENERATORS]
        # Generate everything up front (deterministic for a seed), then send from several threads.
        cases = []
        for i in range(args.count):
            gen = rng.choices(GENERATORS, weights)[0][0]
            cases.append(gen(corpus))
        chunked_idx = set(i for i, case in enumerate(cases) if case[0].startswith("oversize") and i % 2 == 0)

        results = [None] * len(cases)
        deadline = time.time() + args.max_time
        lock = threading.Lock()
        next_i = [0]

        def worker():
            conn = Conn(srv.port)
            while time.time() < deadline:
                with lock:
                    i = next_i[0]
                    next_i[0] += 1
                if i >= len(cases):
                    break
                label, method, path, hdrs, body, codes = cases[i]
                try:
                    results[i] = conn.send(method, path, hdrs, body, chunked=i in chunked_idx)
                except Exception as e:  # noqa: BLE001 — any transport failure is a finding
                    results[i] = (0, f"{type(e).__name__}: {e}".encode())
            conn.close()

        t0 = time.time()
        threads = [threading.Thread(target=worker) for _ in range(args.threads)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.time() - t0
        sent = sum(r is not None for r in results)

        by_code = Counter()
        problems = Counter()
        examples = {}
        for case, res in zip(cases, results):
            if res is None:
                continue
            label, _, _, _, _, codes = case
            status, data = res
            code = code_of(data)
            by_code[(status, code)] += 1
            bad = None
            if status >= 500 or status == 0:
                bad = f"{status} {data[:120]!r}"
            elif not (400 <= status < 500):
                bad = f"not a 4xx: {status}"
            elif code not in codes:
                bad = f"{status} {code!r}, expected one of {sorted(codes)}"
            if bad:
                problems[label] += 1
                examples.setdefault(label, bad)
        check(sent >= min(args.count, 10_000) or sent == len(cases),
              f"sent {sent} hostile requests in {elapsed:.1f} s ({sent / max(elapsed, 1e-9):.0f}/s, {args.threads} connections)")
        check(not problems, "every hostile request got a 4xx with an expected, stable error code" +
              ("" if not problems else ": " + "; ".join(f"{k} ×{v}: {examples[k]}" for k, v in problems.most_common(12))))
        print("     replies: " + ", ".join(f"{s} {c}: {n}" for (s, c), n in sorted(by_code.items(), key=lambda kv: -kv[1])))

        # Stability: the same bytes again give the same code (order and load do not matter).
        conn = Conn(srv.port)
        unstable = []
        sample = [i for i in rng.sample(range(len(cases)), min(args.replay, len(cases)))
                  if results[i] is not None and cases[i][2] != "/v1/credentials"]
        for i in sample:
            label, method, path, hdrs, body, _ = cases[i]
            status, data = conn.send(method, path, hdrs, body)
            if (status, code_of(data)) != (results[i][0], code_of(results[i][1])):
                unstable.append(f"{label}: {results[i][0]}/{code_of(results[i][1])} then {status}/{code_of(data)}")
        conn.close()
        check(not unstable, f"replayed {len(sample)} requests: same status and code" + (f": {unstable[:5]}" if unstable else ""))

        # Slow bodies: a few envelopes trickled in over about a second each; and bodies abandoned midway.
        slow_bad = []
        for k in range(6):
            env = json.loads(corpus.valid_envelope())
            env["sealed"] = corpus.garbage_sealed()
            try:
                status, data = slow_body(srv.port, json.dumps(env).encode(), pieces=10, delay=0.1)
                if (status, code_of(data)) != (400, "decrypt_failed"):
                    slow_bad.append(f"{status} {code_of(data)}")
            except Exception as e:  # noqa: BLE001
                slow_bad.append(f"{type(e).__name__}")
        for k in range(20):
            s = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
            s.sendall(b"POST /v1/submissions HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n{\"version\":1,")
            s.close()
        for raw in [b"GARBAGE\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n", b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + os.urandom(64),
                    b"POST /v1/submissions HTTP/1.1\r\nContent-Length: -1\r\n\r\n", b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n"]:
            try:
                s = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
                s.sendall(raw)
                s.recv(4096)
            except OSError:
                pass
            finally:
                s.close()
        check(not slow_bad, "slow bodies answered decrypt_failed; abandoned bodies and raw garbage did not hurt" +
              (f": {slow_bad}" if slow_bad else ""))

        # Regressions found by this suite (docs/benchmarks.md, findings).
        conn = Conn(srv.port)
        big = b'{"version":1,"key_id":"' + corpus.keys.key_id.encode() + b'","sealed":"' + b"A" * 70000 + b'"}'
        st, data = conn.send("POST", "/v1/submissions", {}, big, chunked=True)
        conn.close()
        check((st, code_of(data)) == (413, "too_large"),
              f"regression: a chunked body over 64 KiB answers 413 too_large, not 500 ({st} {code_of(data)})")

        after = srv.stored_reports()
        check(after == before, f"nothing stored by hostile requests ({before} reports before, {after} after)")
        check(srv.alive(), "the server is still running")
        ok_body = corpus.valid_envelope()
        r = client.request(srv.base, "POST", "/v1/submissions", ok_body)
        check(r.status == 202 and srv.stored_reports() == before + 1, f"the server still accepts a valid submission ({r.status})")
        failures = [line for line in srv.log_text().splitlines() if "request failed" in line]
        # A body abandoned midway surfaces as HTTPParserError: answered 400, not logged as a failure.
        check(not failures, "the server logged no internal failure" + (f": {len(failures)}, e.g. {failures[:3]}" if failures else ""))
        check(sent >= args.count or time.time() >= deadline, f"total {sent + len(sample) + 31} bad requests")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
