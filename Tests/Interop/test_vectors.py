#!/usr/bin/env python3
"""Offline: client.py's own crypto against every file in Tests/Vectors (no server needed).

    python3 Tests/Interop/test_vectors.py

client.py is written from docs/protocol.md independently of the generator's
vectorlib.py; this checks that the two agree. The last line is
"N passed, M failed"; exit status 1 on any failure.
"""

from __future__ import annotations

import base64
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import client as C  # noqa: E402
import nacl.public  # noqa: E402
from cryptography.hazmat.primitives import serialization  # noqa: E402
from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: E402

VECTORS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Vectors")
passed = failed = 0


def load(name: str) -> dict:
    with open(os.path.join(VECTORS, name), encoding="utf-8") as f:
        return json.load(f)


def result(name: str, ok: bool, detail: str = "") -> None:
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def open_box(sealed: bytes, sk: bytes) -> bytes | None:
    try:
        return nacl.public.SealedBox(nacl.public.PrivateKey(sk)).decrypt(sealed)
    except Exception:
        return None


def credential_ok(keys: dict, cred: dict, report_epoch: str) -> bool:
    if cred.get("epoch") != report_epoch or report_epoch not in keys:
        return False
    try:
        msg, sig = C.unb64(cred["message"]), C.unb64(cred["signature"])
    except Exception:
        return False
    return len(msg) == 64 and len(sig) == 256 and C.pss_verify(keys[report_epoch], msg, sig)


def main() -> int:
    sb = load("sealedbox.json")
    result("sealedbox key_id", C.key_id(C.unb64(sb["public_key"])) == sb["key_id"])
    for case in sb["cases"]:
        opened = open_box(C.unb64(case["sealed"]), C.unb64(case["secret_key"]))
        ok = opened == C.unb64(case["plaintext"]) if case["expect"] == "accept" else opened is None
        result(f"sealedbox/{case['name']}", ok)

    cr = load("credentials.json")
    keys = {k["epoch"]: serialization.load_der_public_key(C.unb64(k["public_key"])) for k in cr["credential_keys"]}
    for k in cr["credential_keys"]:
        priv = serialization.load_pem_private_key(k["private_key_pem"].encode(), None)
        result(f"credentials/key {k['epoch']} PEM matches SPKI",
               isinstance(priv, rsa.RSAPrivateKey) and priv.public_key().public_numbers()
               == keys[k["epoch"]].public_numbers())
    for f in cr["flows"]:
        pub = keys[f["epoch"]]
        inv = int.from_bytes(C.unb64(f["inv"]), "big")
        state = C.Blinding(f["epoch"], C.unb64(f["prepared_message"]), inv)
        try:
            cred = C.finalize(pub, C.unb64(f["blind_signature"]), state)
            ok = cred == f["credential"]
        except C.ClientError as e:
            ok = False
        result(f"credentials/flow {f['epoch']} finalise", ok)
        n = pub.public_numbers().n
        enc = C.emsa_pss_encode(C.unb64(f["prepared_message"]), n.bit_length() - 1, C.unb64(f["salt"]))
        result(f"credentials/flow {f['epoch']} EMSA-PSS", enc == C.unb64(f["encoded_message"]))
        result(f"credentials/flow {f['epoch']} pseudonym", C.pseudonym(C.unb64(f["prepared_message"])) == f["pseudonym"])
    for case in cr["cases"]:
        ok = credential_ok(keys, case["credential"], case["report_epoch"])
        result(f"credentials/{case['name']}", ok == (case["expect"] == "accept"))
        if case["expect"] == "accept":
            result(f"credentials/{case['name']} pseudonym",
                   C.pseudonym(C.unb64(case["credential"]["message"])) == case["pseudonym"])

    ev = load("envelopes.json")
    server_sk = C.unb64(ev["server"]["secret_key"])
    result("envelopes key_id", C.key_id(C.unb64(ev["server"]["public_key"])) == ev["server"]["key_id"])
    ekeys = {k["epoch"]: serialization.load_der_public_key(C.unb64(k["public_key"])) for k in ev["credential_keys"]}
    for case in ev["cases"]:
        if case["expect"] == "accept":
            env = json.loads(case["body"])
            pt = open_box(base64.b64decode(env["sealed"], validate=True), server_sk)
            doc = json.loads(pt) if pt else None
            ok = (doc is not None and pt.decode() == case["plaintext"]
                  and credential_ok(ekeys, doc["credential"], C.epoch_of(doc["report"]["period"]))
                  and C.pseudonym(C.unb64(doc["credential"]["message"])) == case["pseudonym"]
                  and doc["report"]["id"] == case["report_id"])
            result(f"envelopes/{case['name']}", ok)
        elif case["expect"] == "too_large":
            result(f"envelopes/{case['name']}", len(case["body"].encode()) > C.MAX_BODY)

    rl = load("releases.json")
    pinned = C.unb64(rl["signing_key"])
    for case in rl["cases"]:
        doc = json.loads(case["document"])
        result(f"releases/{case['name']}", C.verify_release(doc, pinned) == (case["expect"] == "accept"))
    doc = json.loads(rl["cases"][0]["document"])
    result("releases/canonical text",
           C.jcs({k: v for k, v in doc.items() if k != "signature"}).decode() == rl["canonical"])

    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
