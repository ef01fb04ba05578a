#!/usr/bin/env python3
"""Writes chatham's test vectors (JSON) into Tests/Vectors/.

    python3 Tests/Vectors/generate.py          # regenerate every file
    python3 Tests/Vectors/generate.py --check  # regenerate in memory, fail if a file differs

All keys and all "random" values come from fixed labels (see vectorlib.drbg),
so the output is byte-identical on every run. Every vector is checked here
before it is written: accepted boxes are opened with libsodium's real
crypto_box_seal_open (PyNaCl), rejected ones must fail to open, credentials
are verified with OpenSSL's RSASSA-PSS (cryptography), and the RFC 9474
vectors are re-derived with Python integer arithmetic.

Needs: Python 3.11, PyNaCl, cryptography.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import nacl.bindings
import nacl.signing

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import vectorlib as V  # noqa: E402
from rfc9474_published import VECTORS as RFC9474  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SEALBYTES = nacl.bindings.crypto_box_SEALBYTES  # 48 = 32 (ephemeral pk) + 16 (MAC)
MAX_BODY = 64 * 1024


class Keys:
    """The fixed test keys every vector file shares. TEST KEYS: never deploy them."""

    def __init__(self) -> None:
        self.server_pk, self.server_sk = V.x25519_keypair("server/sealing")
        self.other_pk, self.other_sk = V.x25519_keypair("other/sealing")
        self.server_kid = V.key_id(self.server_pk)
        self.other_kid = V.key_id(self.other_pk)
        self.rsa = {
            "2026-Q3": V.rsa_key("credential-key/2026-Q3"),
            "2026-Q4": V.rsa_key("credential-key/2026-Q4"),
        }
        self.signing = nacl.signing.SigningKey(V.drbg("server/signing", 32))
        self.other_signing = nacl.signing.SigningKey(V.drbg("other/signing", 32))

    def server_json(self) -> dict:
        return {"key_id": self.server_kid, "public_key": V.b64(self.server_pk),
                "secret_key": V.b64(self.server_sk)}

    def credential_keys_json(self) -> list[dict]:
        return [{"epoch": epoch, "public_key": V.b64(V.spki_der(key)), "private_key_pem": V.pkcs8_pem(key)}
                for epoch, key in sorted(self.rsa.items())]


def check(cond: bool, what: str) -> None:
    if not cond:
        raise SystemExit(f"generate.py: check failed: {what}")


def flip(data: bytes, index: int, bit: int = 0) -> bytes:
    b = bytearray(data)
    b[index] ^= 1 << bit
    return bytes(b)


# --------------------------------------------------------------- sealedbox


def sealedbox(keys: Keys) -> dict:
    pk, sk = keys.server_pk, keys.server_sk
    msg = b"chatham sealed box test vector \xe2\x9c\x93"  # ends in U+2713, to keep bytes honest
    normal = V.seal_with_ephemeral(msg, pk, V.drbg("sealedbox/normal/ephemeral", 32))
    empty = V.seal_with_ephemeral(b"", pk, V.drbg("sealedbox/empty/ephemeral", 32))
    to_other = V.seal_with_ephemeral(msg, keys.other_pk, V.drbg("sealedbox/other/ephemeral", 32))
    cases = [
        ("normal", "accept", normal, msg, "a box of a 34-byte message"),
        ("empty-plaintext", "accept", empty, b"", "a box of the empty message: exactly crypto_box_sealbytes (48) long"),
        ("truncated", "decrypt_failed", normal[:-1], None, "the normal box without its last byte"),
        ("tampered-ciphertext", "decrypt_failed", flip(normal, SEALBYTES + 3), None,
         "one bit flipped in the encrypted payload (byte 51)"),
        ("tampered-mac", "decrypt_failed", flip(normal, 32 + 5), None, "one bit flipped in the Poly1305 tag (byte 37)"),
        ("tampered-ephemeral-key", "decrypt_failed", flip(normal, 0), None,
         "one bit flipped in the ephemeral public key (byte 0)"),
        ("wrong-recipient", "decrypt_failed", to_other, None,
         "sealed to a different key pair; opened with this case's (the server's) keys"),
        ("empty-input", "decrypt_failed", b"", None, "zero bytes"),
        ("shorter-than-sealbytes", "decrypt_failed", normal[:SEALBYTES - 1], None,
         "47 bytes, one less than crypto_box_sealbytes"),
    ]
    out = []
    for name, expect, sealed, plaintext, note in cases:
        opened = V.open_sealed(sealed, pk, sk)
        if expect == "accept":
            check(opened == plaintext, f"sealedbox {name} opens to its plaintext")
            check(len(sealed) == len(plaintext) + SEALBYTES, f"sealedbox {name} length")
        else:
            check(opened is None, f"sealedbox {name} must not open")
        case = {"name": name, "expect": expect, "note": note,
                "public_key": V.b64(pk), "secret_key": V.b64(sk), "sealed": V.b64(sealed)}
        if plaintext is not None:
            case["plaintext"] = V.b64(plaintext)
        out.append(case)
    # The wrong-recipient box really is a good box for its own recipient.
    check(V.open_sealed(to_other, keys.other_pk, keys.other_sk) == msg, "wrong-recipient box opens for its key")
    return {
        "description": "libsodium crypto_box_seal / crypto_box_seal_open (X25519, XSalsa20-Poly1305). "
                       "Open `sealed` with the case's public_key/secret_key; `accept` means it opens to "
                       "`plaintext`, `decrypt_failed` means opening fails.",
        "crypto_box_sealbytes": SEALBYTES,
        "key_id": keys.server_kid,
        "key_id_rule": "lowercase hex of the first 8 bytes of BLAKE2b-256 (crypto_generichash, 32-byte output, "
                       "no key) of the 32-byte public key",
        "public_key": V.b64(pk),
        "secret_key": V.b64(sk),
        "other_key": {"key_id": keys.other_kid, "public_key": V.b64(keys.other_pk),
                      "secret_key": V.b64(keys.other_sk)},
        "cases": out,
    }


# ------------------------------------------------------------- credentials


def credential_flows(keys: Keys) -> dict[str, dict]:
    flows = {}
    for epoch, key in keys.rsa.items():
        flows[epoch] = V.make_credential(f"credential/{epoch}", key, epoch)
    return flows


def verify_credential(keys: Keys, credential: dict, report_epoch: str) -> bool:
    """What the server does (DESIGN "Epochs and credentials", DECISIONS)."""
    try:
        if credential.get("epoch") != report_epoch or report_epoch not in keys.rsa:
            return False
        prepared = V.unb64(credential["message"])
        sig = V.unb64(credential["signature"])
        return V.pss_verify(keys.rsa[report_epoch].public_key(), prepared, sig)
    except Exception:
        return False


def credential_cases(keys: Keys, flows: dict) -> list[tuple[str, str, dict, str, str]]:
    """(name, expect, credential, report_epoch, note)."""
    q4, q3 = flows["2026-Q4"], flows["2026-Q3"]
    forged_sig = V.drbg("credential/forged-signature", 256)
    tampered_msg = flip(q4["prepared"], 40)
    return [
        ("valid", "accept", q4["credential"], "2026-Q4", "issued by the 2026-Q4 key, used in 2026-Q4"),
        ("valid-previous-epoch", "accept", q3["credential"], "2026-Q3", "issued by the 2026-Q3 key, used in 2026-Q3"),
        ("forged-signature", "invalid_credential",
         {"epoch": "2026-Q4", "message": q4["credential"]["message"], "signature": V.b64(forged_sig)},
         "2026-Q4", "256 random bytes as the signature"),
        ("other-epoch", "invalid_credential", q3["credential"], "2026-Q4",
         "a genuine 2026-Q3 credential on a 2026-Q4 report"),
        ("relabelled-epoch", "invalid_credential", dict(q3["credential"], epoch="2026-Q4"), "2026-Q4",
         "a genuine 2026-Q3 credential whose epoch field was changed to 2026-Q4"),
        ("tampered-message", "invalid_credential",
         {"epoch": "2026-Q4", "message": V.b64(tampered_msg), "signature": q4["credential"]["signature"]},
         "2026-Q4", "one bit of the prepared message flipped (byte 40)"),
        ("truncated-signature", "invalid_credential",
         {"epoch": "2026-Q4", "message": q4["credential"]["message"], "signature": V.b64(q4["sig"][:-1])},
         "2026-Q4", "255-byte signature"),
        ("epoch-without-key", "invalid_credential", dict(q4["credential"], epoch="2026-Q2"), "2026-Q2",
         "a credential for an epoch the server has no key for"),
    ]


def credentials(keys: Keys, flows: dict) -> dict:
    out_flows = []
    for epoch, f in sorted(flows.items()):
        key = keys.rsa[epoch]
        nums = key.private_numbers()
        # independent re-check of each step with plain integers
        n, e, d = nums.public_numbers.n, nums.public_numbers.e, nums.d
        check(V.os2ip(f["blind_sig"]) == pow(V.os2ip(f["blinded"]), d, n), f"{epoch} blind_sig = blinded^d")
        check(V.os2ip(f["sig"]) == (V.os2ip(f["blind_sig"]) * f["inv"]) % n, f"{epoch} sig = blind_sig*inv")
        check(pow(V.os2ip(f["sig"]), e, n) == V.os2ip(f["encoded"]), f"{epoch} sig^e = encoded")
        check(V.pss_verify(key.public_key(), f["prepared"], f["sig"]), f"{epoch} PSS verify")
        check(len(f["prepared"]) == 64 and len(f["sig"]) == 256, f"{epoch} sizes")
        out_flows.append({
            "epoch": epoch,
            "msg": V.b64(f["msg"]), "msg_prefix": V.b64(f["msg_prefix"]),
            "prepared_message": V.b64(f["prepared"]), "salt": V.b64(f["salt"]),
            "encoded_message": V.b64(f["encoded"]), "inv": V.b64(V.i2osp(f["inv"], 256)),
            "blinded_message": V.b64(f["blinded"]), "blind_signature": V.b64(f["blind_sig"]),
            "signature": V.b64(f["sig"]), "credential": f["credential"], "pseudonym": f["pseudonym"],
        })
    cases = []
    for name, expect, cred, report_epoch, note in credential_cases(keys, flows):
        ok = verify_credential(keys, cred, report_epoch)
        check(ok == (expect == "accept"), f"credential case {name}")
        case = {"name": name, "expect": expect, "note": note, "report_epoch": report_epoch, "credential": cred}
        if expect == "accept":
            case["pseudonym"] = V.pseudonym(V.unb64(cred["message"]))
        cases.append(case)
    return {
        "description": "RSABSSA-SHA384-PSS-Randomized (RFC 9474) credentials with RSA-2048 keys, one per epoch. "
                       "`flows` are complete issuances (client blind -> server blind-sign -> client finalize) "
                       "with every intermediate; `cases` are credentials to verify for a report of "
                       "`report_epoch`: accept, or invalid_credential.",
        "parameters": {"hash": "SHA-384", "mgf": "MGF1-SHA-384", "salt_length": 48,
                       "preparation": "randomized: 32-byte prefix || 32-byte message", "modulus_bits": 2048},
        "credential_keys": keys.credential_keys_json(),
        "flows": out_flows,
        "cases": cases,
    }


# --------------------------------------------------------------- envelopes


def envelopes(keys: Keys, flows: dict) -> dict:
    q4, q3 = flows["2026-Q4"], flows["2026-Q3"]
    cred_cases = {c[0]: c for c in credential_cases(keys, flows)}
    pk = keys.server_pk
    counter = [0]

    def report_id(label: str) -> str:
        return V.drbg(f"envelope/{label}/report-id", 16).hex()

    def sealed_for(label: str, credential: dict, report: dict, recipient: bytes = pk) -> tuple[bytes, bytes]:
        plaintext = V.plaintext_bytes(credential, report)
        counter[0] += 1
        return V.seal_with_ephemeral(plaintext, recipient, V.drbg(f"envelope/{label}/ephemeral", 32)), plaintext

    cases: list[dict] = []

    def add(name: str, expect: str, body: bytes, note: str, plaintext: bytes | None = None, **extra) -> None:
        case = {"name": name, "expect": expect, "note": note, "body": body.decode("utf-8")}
        if plaintext is not None:
            case["plaintext"] = plaintext.decode("utf-8")
        case.update(extra)
        cases.append(case)

    # --- accept
    r = V.sample_report(report_id("accept"))
    sealed, pt = sealed_for("accept", q4["credential"], r)
    add("accept", "accept", V.envelope_bytes(keys.server_kid, sealed), "the DESIGN example report, 2026-10",
        pt, report_id=r["id"], pseudonym=q4["pseudonym"], epoch="2026-Q4")
    good_sealed = sealed

    r = V.sample_report(report_id("accept-same-credential"), period="2026-12")
    sealed, pt = sealed_for("accept-same-credential", q4["credential"], r)
    add("accept-same-credential", "accept", V.envelope_bytes(keys.server_kid, sealed),
        "a second report of the same epoch with the same credential: same pseudonym", pt,
        report_id=r["id"], pseudonym=q4["pseudonym"], epoch="2026-Q4")

    r = V.sample_report(report_id("accept-previous-epoch"), period="2026-08")
    sealed, pt = sealed_for("accept-previous-epoch", q3["credential"], r)
    add("accept-previous-epoch", "accept", V.envelope_bytes(keys.server_kid, sealed),
        "a 2026-08 report with a 2026-Q3 credential", pt,
        report_id=r["id"], pseudonym=q3["pseudonym"], epoch="2026-Q3")

    r = V.sample_report(report_id("accept-non-ascii"))
    r["narrative"] = "Ransomware note in Fran\u00e7ais and \u65e5\u672c\u8a9e; \u201cquoted\u201d \u2014 restored."
    sealed, pt = sealed_for("accept-non-ascii", q4["credential"], r)
    add("accept-non-ascii", "accept", V.envelope_bytes(keys.server_kid, sealed),
        "UTF-8 outside ASCII in the narrative", pt, report_id=r["id"], pseudonym=q4["pseudonym"], epoch="2026-Q4")

    # --- decrypt_failed (key_id is the server's, the box is bad)
    add("tampered-ciphertext", "decrypt_failed", V.envelope_bytes(keys.server_kid, flip(good_sealed, SEALBYTES + 10)),
        "the accept case's box with one payload bit flipped")
    add("tampered-ephemeral-key", "decrypt_failed", V.envelope_bytes(keys.server_kid, flip(good_sealed, 3)),
        "the accept case's box with one bit of the ephemeral key flipped")
    add("truncated", "decrypt_failed", V.envelope_bytes(keys.server_kid, good_sealed[:-1]),
        "the accept case's box without its last byte")
    add("shorter-than-sealbytes", "decrypt_failed", V.envelope_bytes(keys.server_kid, good_sealed[:SEALBYTES - 1]),
        "47 bytes")
    r = V.sample_report(report_id("wrong-recipient"))
    sealed, _ = sealed_for("wrong-recipient", q4["credential"], r, recipient=keys.other_pk)
    add("wrong-recipient", "decrypt_failed", V.envelope_bytes(keys.server_kid, sealed),
        "sealed to another key but labelled with the server's key id")

    # --- unknown_key
    r = V.sample_report(report_id("unknown-key"))
    sealed, _ = sealed_for("unknown-key", q4["credential"], r, recipient=keys.other_pk)
    add("unknown-key", "unknown_key", V.envelope_bytes(keys.other_kid, sealed),
        "a good box for another key pair, with that key's id")
    add("unknown-key-id", "unknown_key", V.envelope_bytes("0123456789abcdef", good_sealed),
        "the accept case's box with a key id the server does not have")

    # --- invalid_envelope
    sealed_b64 = V.b64(good_sealed)

    def raw(obj) -> bytes:
        return json.dumps(obj, separators=(",", ":")).encode("utf-8")

    add("wrong-version", "invalid_envelope", V.envelope_bytes(keys.server_kid, good_sealed, version=2), "version 2")
    add("version-as-string", "invalid_envelope", raw({"version": "1", "key_id": keys.server_kid, "sealed": sealed_b64}),
        "version is the string \"1\"")
    add("missing-version", "invalid_envelope", raw({"key_id": keys.server_kid, "sealed": sealed_b64}), "no version")
    add("missing-key-id", "invalid_envelope", raw({"version": 1, "sealed": sealed_b64}), "no key_id")
    add("missing-sealed", "invalid_envelope", raw({"version": 1, "key_id": keys.server_kid}), "no sealed")
    add("bad-base64", "invalid_envelope",
        raw({"version": 1, "key_id": keys.server_kid, "sealed": "not base64! " + sealed_b64[:40]}),
        "sealed is not base64")
    add("not-json", "invalid_envelope", b'{"version": 1, "key_id": ', "truncated JSON")
    add("json-array", "invalid_envelope", raw([1, keys.server_kid, sealed_b64]), "a JSON array, not an object")
    add("empty-body", "invalid_envelope", b"", "zero bytes")

    # --- invalid_credential
    for name in ("forged-signature", "other-epoch", "relabelled-epoch", "tampered-message",
                 "truncated-signature", "epoch-without-key"):
        _, expect, cred, report_epoch, note = cred_cases[name]
        period = {"2026-Q4": "2026-10", "2026-Q3": "2026-08", "2026-Q2": "2026-05"}[report_epoch]
        r = V.sample_report(report_id(f"credential-{name}"), period=period)
        sealed, pt = sealed_for(f"credential-{name}", cred, r)
        add(f"credential-{name}", "invalid_credential", V.envelope_bytes(keys.server_kid, sealed),
            f"{note}; report period {period}", pt)

    # --- invalid_report (credential fine, one field wrong); `field` is the path the message must name
    bad_fields = [
        ("bad-enum-region", "victim.region", lambda r: r["victim"].__setitem__("region", "atlantis")),
        ("bad-enum-motive", "actor.motive", lambda r: r["actor"].__setitem__("motive", "not-a-motive")),
        ("bad-enum-loss", "impact.loss", lambda r: r["impact"].__setitem__("loss", "a-lot")),
        ("bad-enum-discovery", "discovery", lambda r: r.__setitem__("discovery", "psychic")),
        ("bad-schema", "schema", lambda r: r.__setitem__("schema", "chatham.report/2")),
        ("bad-id", "id", lambda r: r.__setitem__("id", "not-a-hex-id")),
        ("missing-id", "id", lambda r: r.pop("id")),
        ("bad-enum-variety", "actions[0].variety",
         lambda r: r["actions"][0].__setitem__("variety", "not-a-variety")),
    ]
    for name, field, mutate in bad_fields:
        r = V.sample_report(report_id(name))
        mutate(r)
        sealed, pt = sealed_for(name, q4["credential"], r)
        add(name, "invalid_report", V.envelope_bytes(keys.server_kid, sealed),
            f"invalid value at {field}", pt, field=field)

    # --- too_large: a well-formed envelope one byte over 64 KiB
    r = V.sample_report(report_id("too-large"))
    base = len(V.envelope_bytes(keys.server_kid, sealed_for("too-large", q4["credential"], r)[0]))
    # each 3 plaintext bytes grow the base64 by 4; pad the narrative until the body exceeds the limit
    pad = ((MAX_BODY + 1 - base) * 3) // 4 + 3
    r["narrative"] = r["narrative"] + " " + "x" * pad
    sealed, _ = sealed_for("too-large", q4["credential"], r)
    body = V.envelope_bytes(keys.server_kid, sealed)
    check(MAX_BODY < len(body) <= MAX_BODY + 8, f"too-large body size {len(body)}")
    add("too-large", "too_large", body, f"a well-formed envelope of {len(body)} bytes (limit {MAX_BODY})")

    # --- checks: what a conforming server would decide, from the vector alone
    for case in cases:
        check(server_decision(keys, case["body"].encode("utf-8")) == case["expect"], f"envelope {case['name']}")

    return {
        "description": "Complete POST /v1/submissions bodies (`body`, exact UTF-8 bytes) with the outcome a "
                       "server holding `server` and `credential_keys` must give on a fresh database. "
                       "`plaintext` is what the sealed box holds, for reading; the box itself is in `body`.",
        "outcomes": {
            "accept": "202 {\"receipt\":\"rcpt_...\",\"duplicate\":false}",
            "decrypt_failed": "400", "unknown_key": "400", "invalid_envelope": "400",
            "invalid_credential": "400", "invalid_report": "400 (message names `field`)", "too_large": "413",
        },
        "server": keys.server_json(),
        "credential_keys": keys.credential_keys_json(),
        "cases": cases,
    }


def server_decision(keys: Keys, body: bytes) -> str:
    """A reference decision procedure, in the order docs/protocol.md gives."""
    import base64
    import binascii
    if len(body) > MAX_BODY:
        return "too_large"
    try:
        env = json.loads(body)
    except ValueError:
        return "invalid_envelope"
    if not isinstance(env, dict) or type(env.get("version")) is not int or env["version"] != 1:
        return "invalid_envelope"
    if not isinstance(env.get("key_id"), str) or not isinstance(env.get("sealed"), str):
        return "invalid_envelope"
    try:
        sealed = base64.b64decode(env["sealed"], validate=True)
    except (binascii.Error, ValueError):
        return "invalid_envelope"
    if env["key_id"] != keys.server_kid:
        return "unknown_key"
    pt = V.open_sealed(sealed, keys.server_pk, keys.server_sk)
    if pt is None:
        return "decrypt_failed"
    doc = json.loads(pt)
    report = doc["report"]
    if report.get("schema") != "chatham.report/1" or "id" not in report or not (
            isinstance(report.get("id"), str) and len(report["id"]) == 32
            and all(c in "0123456789abcdef" for c in report["id"])):
        return "invalid_report"
    if not verify_credential(keys, doc["credential"], V.epoch_of(report["period"])):
        return "invalid_credential"
    good = V.sample_report(report["id"], report["period"])
    for path in (("victim", "region"), ("actor", "motive"), ("impact", "loss"), ("discovery",),
                 ("actions", 0, "variety")):
        a, b = report, good
        for p in path:
            a, b = a[p], b[p]
        if a != b:
            return "invalid_report"
    return "accept"


# ----------------------------------------------------------------- RFC 9474


def rfc9474() -> dict:
    from cryptography.hazmat.primitives.asymmetric import rsa
    out = []
    for tv in RFC9474:
        h = {k: bytes.fromhex(v) for k, v in tv.items() if k not in ("name", "rfc_section")}
        p, q, n, e, d = (V.os2ip(h[k]) for k in ("p", "q", "n", "e", "d"))
        inv = V.os2ip(h["inv"])
        name = tv["name"]
        check(p * q == n, f"{name}: n = p*q")
        check((d * e) % ((p - 1) * (q - 1) // __import__("math").gcd(p - 1, q - 1)) == 1, f"{name}: d*e = 1 mod lambda")
        check(h["prepared_msg"] == h["msg_prefix"] + h["msg"], f"{name}: prepared_msg = msg_prefix || msg")
        randomized = "Randomized" in name
        check(len(h["msg_prefix"]) == (32 if randomized else 0), f"{name}: prefix length")
        salt_len = 0 if "PSSZERO" in name else 48
        check(len(h["salt"]) == salt_len, f"{name}: salt length")
        check(h["encoded_msg"] == V.emsa_pss_encode(h["prepared_msg"], n.bit_length() - 1, h["salt"]),
              f"{name}: encoded_msg = EMSA-PSS-ENCODE(prepared_msg, salt)")
        r = pow(inv, -1, n)
        check(V.os2ip(h["blinded_msg"]) == (V.os2ip(h["encoded_msg"]) * pow(r, e, n)) % n,
              f"{name}: blinded_msg = encoded_msg * r^e, r = inv^-1")
        check(V.os2ip(h["blind_sig"]) == pow(V.os2ip(h["blinded_msg"]), d, n), f"{name}: blind_sig = blinded_msg^d mod n")
        check(V.os2ip(h["sig"]) == (V.os2ip(h["blind_sig"]) * inv) % n, f"{name}: sig = blind_sig * inv mod n")
        pub = rsa.RSAPublicNumbers(e, n).public_key()
        check(V.pss_verify(pub, h["prepared_msg"], h["sig"], salt_len), f"{name}: PSS verify (cryptography)")
        check(not V.pss_verify(pub, flip(h["prepared_msg"], 0), h["sig"], salt_len), f"{name}: PSS rejects a change")
        blinded, inv2, _ = V.rsabssa_blind(n, e, h["prepared_msg"], h["salt"], r)
        check(blinded == h["blinded_msg"] and inv2 == inv, f"{name}: vectorlib blind reproduces blinded_msg")
        check(V.rsabssa_blind_sign(n, e, d, blinded) == h["blind_sig"], f"{name}: vectorlib blind_sign")
        check(V.rsabssa_finalize(pub, h["blind_sig"], inv, h["prepared_msg"], salt_len) == h["sig"],
              f"{name}: vectorlib finalize")
        entry = {"name": name, "rfc_section": tv["rfc_section"], "salt_length": salt_len,
                 "preparation": "randomized" if randomized else "identity"}
        entry.update({k: tv[k] for k in ("p", "q", "d", "e", "n", "msg", "msg_prefix", "prepared_msg",
                                          "encoded_msg", "inv", "blinded_msg", "blind_sig", "sig", "salt")})
        out.append(entry)
    return {
        "description": "RFC 9474 Appendix A test vectors (4096-bit key, SHA-384), hex. chatham uses "
                       "RSABSSA-SHA384-PSS-Randomized (A.1); the others are here for implementations that "
                       "share code across variants. Checked by generate.py with integer arithmetic and "
                       "OpenSSL's RSASSA-PSS verify.",
        "source": "https://www.rfc-editor.org/rfc/rfc9474#appendix-A",
        "vectors": out,
    }


# ---------------------------------------------------------------- releases


def sample_release() -> dict:
    return {
        "schema": "chatham.release/1",
        "period": "2026-10",
        "policy": {"min_contributors": 5, "dominance": {"n": 2, "k": 0.85}},
        "tables": [
            {"name": "action-by-sector",
             "dimensions": ["action.category", "victim.sector"],
             "multi_valued": ["action.category"],
             "cells": [
                 {"key": {"action.category": "malware", "victim.sector": "52"}, "count": 12, "status": "published"},
                 {"key": {"action.category": "social", "victim.sector": "52"}, "count": None, "status": "suppressed"},
                 {"key": {"action.category": "*", "victim.sector": "52"}, "count": 31, "status": "published"},
                 {"key": {"action.category": "*", "victim.sector": "*"}, "count": 31, "status": "published"},
             ]},
        ],
    }


def sign_release(doc: dict, sk: nacl.signing.SigningKey) -> dict:
    body = {k: v for k, v in doc.items() if k != "signature"}
    sig = sk.sign(V.jcs(body)).signature
    return dict(body, signature={"alg": "ed25519", "key": V.b64(bytes(sk.verify_key)), "value": V.b64(sig)})


def verify_release(doc: dict, pinned_key: bytes) -> bool:
    try:
        s = doc["signature"]
        if s["alg"] != "ed25519" or V.unb64(s["key"]) != pinned_key:
            return False
        body = {k: v for k, v in doc.items() if k != "signature"}
        nacl.signing.VerifyKey(pinned_key).verify(V.jcs(body), V.unb64(s["value"]))
        return True
    except Exception:
        return False


def releases(keys: Keys) -> dict:
    pinned = bytes(keys.signing.verify_key)
    doc = sign_release(sample_release(), keys.signing)
    canonical = V.jcs({k: v for k, v in doc.items() if k != "signature"}).decode("utf-8")
    # JCS spot checks: sorted keys, no whitespace, 0.85 as written, null kept
    check(canonical.startswith('{"period":"2026-10","policy":{"dominance":{"k":0.85,"n":2},"min_contributors":5}'),
          "JCS ordering")
    tampered = json.loads(json.dumps(doc))
    tampered["tables"][0]["cells"][0]["count"] = 13
    unsuppressed = json.loads(json.dumps(doc))
    unsuppressed["tables"][0]["cells"][1].update(count=19, status="published")
    other = sign_release(sample_release(), keys.other_signing)
    wrong_alg = json.loads(json.dumps(doc))
    wrong_alg["signature"]["alg"] = "ed448"
    # Same content, different member order and whitespace: the signature still holds.
    reordered_text = json.dumps(dict(reversed(list(doc.items()))), indent=2)
    reordered = json.loads(reordered_text)
    cases = [
        ("valid", "accept", json.dumps(doc, separators=(",", ":")), "as served"),
        ("reordered-and-indented", "accept", reordered_text, "members reordered, pretty-printed: JCS undoes both"),
        ("tampered-count", "bad_signature", json.dumps(tampered), "a published count changed"),
        ("unsuppressed-cell", "bad_signature", json.dumps(unsuppressed), "a suppressed cell given a count"),
        ("other-signer", "bad_signature", json.dumps(other), "validly signed by a key that is not the pinned one"),
        ("wrong-alg", "bad_signature", json.dumps(wrong_alg), "alg is not ed25519"),
    ]
    out = []
    for name, expect, text, note in cases:
        ok = verify_release(json.loads(text), pinned)
        check(ok == (expect == "accept"), f"release case {name}")
        out.append({"name": name, "expect": expect, "note": note, "document": text})
    check(verify_release(reordered, pinned), "reordered verifies")
    return {
        "description": "Release signatures: Ed25519 over the RFC 8785 (JCS) canonical JSON of the document "
                       "without its `signature` member. Verify `document` (exact text) against `signing_key` "
                       "(what GET /v1/keys serves as signing_key); accept or bad_signature.",
        "signing_key": V.b64(pinned),
        "signing_secret_seed": V.b64(V.drbg("server/signing", 32)),
        "canonical": canonical,
        "cases": out,
    }


# -------------------------------------------------------------------- main


def render(obj: dict) -> bytes:
    return (json.dumps(obj, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def build() -> dict[str, bytes]:
    keys = Keys()
    check(len(keys.server_pk) == 32 and len(keys.server_kid) == 16, "x25519 key")
    for epoch, key in keys.rsa.items():
        check(key.key_size == 2048, f"{epoch} key is RSA-2048")
    flows = credential_flows(keys)
    return {
        "sealedbox.json": render(sealedbox(keys)),
        "credentials.json": render(credentials(keys, flows)),
        "envelopes.json": render(envelopes(keys, flows)),
        "rfc9474.json": render(rfc9474()),
        "releases.json": render(releases(keys)),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="do not write; fail if a file on disk differs")
    args = ap.parse_args()
    files = build()
    stale = []
    for name, data in files.items():
        path = os.path.join(HERE, name)
        if args.check:
            try:
                with open(path, "rb") as f:
                    if f.read() != data:
                        stale.append(name)
            except FileNotFoundError:
                stale.append(name)
        else:
            with open(path, "wb") as f:
                f.write(data)
            print(f"wrote {os.path.relpath(path)} ({len(data)} bytes)")
    if stale:
        print("generate.py: out of date: " + ", ".join(stale) + " (run python3 Tests/Vectors/generate.py)",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
