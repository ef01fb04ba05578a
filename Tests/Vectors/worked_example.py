#!/usr/bin/env python3
"""Prints the byte-by-byte worked example of docs/protocol.md.

    python3 Tests/Vectors/worked_example.py                      # print the Markdown
    python3 Tests/Vectors/worked_example.py --write docs/protocol.md
    python3 Tests/Vectors/worked_example.py --check docs/protocol.md

--write replaces the text between the markers
<!-- worked-example:begin --> and <!-- worked-example:end -->; --check fails
if that text is not what this script prints, so the document cannot drift
from the code. It uses the fixed test keys of generate.py (TEST KEYS ONLY)
and fixed "random" values; a real client draws every one of them afresh.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap

import nacl.hash
import nacl.encoding
import nacl.public

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import vectorlib as V  # noqa: E402
from generate import Keys  # noqa: E402

BEGIN = "<!-- worked-example:begin -->"
END = "<!-- worked-example:end -->"


def wrap(text: str, width: int = 64) -> str:
    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False, break_long_words=True)) or "(empty)"


def block(text: str) -> str:
    return "```\n" + text + "\n```\n"


def build() -> str:
    keys = Keys()
    epoch = "2026-Q4"
    key = keys.rsa[epoch]
    nums = key.private_numbers()
    n, e = nums.public_numbers.n, nums.public_numbers.e
    f = V.make_credential(f"credential/{epoch}", key, epoch)
    report = V.sample_report(V.drbg("worked-example/report-id", 16).hex(), period="2026-10")
    plaintext = V.plaintext_bytes(f["credential"], report)
    esk = V.drbg("worked-example/ephemeral", 32)
    epk = bytes(nacl.public.PrivateKey(esk).public_key)
    nonce = nacl.hash.blake2b(epk + keys.server_pk, digest_size=24, encoder=nacl.encoding.RawEncoder)
    sealed = V.seal_with_ephemeral(plaintext, keys.server_pk, esk)
    assert V.open_sealed(sealed, keys.server_pk, keys.server_sk) == plaintext
    body = V.envelope_bytes(keys.server_kid, sealed)
    spki = V.spki_der(key)
    cred_req = json.dumps({"epoch": epoch, "blinded_message": V.b64(f["blinded"])})
    cred_resp = json.dumps({"blind_signature": V.b64(f["blind_sig"])})

    out = []
    w = out.append
    w("All values below come from `Tests/Vectors/worked_example.py` with the fixed test keys of "
      "`Tests/Vectors/generate.py` (test keys: never deploy them). Hex is lowercase; long values are "
      "wrapped at 64 characters for display only — on the wire they have no line breaks.\n")

    w("**1. Server sealing key and key id.** The X25519 public key (32 bytes):\n")
    w(block(f"hex     {keys.server_pk.hex()}\nbase64  {V.b64(keys.server_pk)}"))
    w("BLAKE2b-256 of those 32 bytes (`crypto_generichash`, 32-byte output, no key), and the key id, "
      "its first 8 bytes in hex:\n")
    w(block(f"blake2b {V.blake2b256(keys.server_pk).hex()}\nkey_id  {keys.server_kid}"))

    w(f"**2. Credential key for {epoch}.** RSA-2048, e = {e}; `GET /v1/keys` serves its "
      f"SubjectPublicKeyInfo DER ({len(spki)} bytes) in base64:\n")
    w(block(wrap(V.b64(spki))))
    w("The modulus n (256 bytes):\n")
    w(block(wrap(V.i2osp(n, 256).hex())))

    w("**3. Prepare.** The client draws a 32-byte message and a 32-byte randomizer (RFC 9474 "
      "randomized preparation); the prepared message is randomizer ‖ message, 64 bytes. This is the "
      "credential's `message`.\n")
    w(block(f"msg         {f['msg'].hex()}\nmsg_prefix  {f['msg_prefix'].hex()}\n"
            f"prepared    (msg_prefix || msg)\n{wrap(f['prepared'].hex())}\n"
            f"base64      {V.b64(f['prepared'])}"))

    w("**4. Blind.** EMSA-PSS-ENCODE(prepared, emBits = 2047) with SHA-384, MGF1-SHA-384 and a "
      "48-byte random salt gives the 256-byte encoded message m; the client draws r coprime to n, "
      "keeps inv = r⁻¹ mod n, and sends m·rᵉ mod n as 256 big-endian bytes.\n")
    w("salt (48 bytes):\n")
    w(block(wrap(f["salt"].hex())))
    w("encoded message:\n")
    w(block(wrap(f["encoded"].hex())))
    w("inv (secret; kept by the client until step 6):\n")
    w(block(wrap(V.i2osp(f["inv"], 256).hex())))
    w("blinded message (256 bytes):\n")
    w(block(wrap(f["blinded"].hex())))
    w("Request, with `Authorization: Bearer <member token>`:\n")
    w(block(f"POST /v1/credentials\n{cred_req}"))

    w("**5. Blind signature.** The server computes s = blinded^d mod n, checks sᵉ mod n = blinded, "
      "and answers 200:\n")
    w(block(cred_resp))
    w("blind signature (256 bytes):\n")
    w(block(wrap(f["blind_sig"].hex())))

    w("**6. Finalise.** signature = blind_signature · inv mod n, then RSASSA-PSS-VERIFY (SHA-384, "
      "MGF1-SHA-384, salt length 48) over the prepared message must pass:\n")
    w(block(wrap(f["sig"].hex())))
    w("The credential the client keeps (0600) for every report of the epoch:\n")
    w(block(json.dumps(f["credential"], indent=2)))

    w("**7. Pseudonym.** What the server will record for every report made with this credential: "
      "hex BLAKE2b-256 (no key) of the 64-byte prepared message:\n")
    w(block(f["pseudonym"]))

    w("**8. Plaintext.** The report (pretty-printed here for reading):\n")
    w(block(json.dumps(report, indent=2, ensure_ascii=False)))
    w(f"The plaintext is the UTF-8 JSON `{{\"credential\":…,\"report\":…}}`; this client writes it "
      f"compactly ({len(plaintext)} bytes; any valid JSON encoding is accepted):\n")
    w(block(plaintext.decode("utf-8")))

    w("**9. Sealed box.** `crypto_box_seal` draws an ephemeral X25519 key pair, takes the nonce "
      "BLAKE2b-192(ephemeral_pk ‖ server_pk) and outputs ephemeral_pk ‖ crypto_box(plaintext). "
      "The ephemeral key is random, so the sealed bytes differ every time; the values below are one "
      "instance, made with a fixed ephemeral key so the example can be reproduced.\n")
    w(block(f"ephemeral_pk  {epk.hex()}\nnonce         {nonce.hex()}\n"
            f"length        {len(sealed)} = {len(plaintext)} + 48"))
    w("sealed (base64):\n")
    w(block(wrap(V.b64(sealed), 76)))

    w(f"**10. Envelope.** The body of `POST /v1/submissions` ({len(body)} bytes, "
      "`Content-Type: application/json`):\n")
    w(block(wrap(body.decode("ascii"), 76)))
    w("The server opens the box, verifies the credential against its 2026-Q4 key, validates the "
      "report, commits it under the report id and answers `202 {\"receipt\":\"rcpt_…\","
      "\"duplicate\":false}` (the receipt is random). Sending the same body again answers 200 with "
      "the same receipt and `\"duplicate\":true`.\n")
    return "\n".join(out)


def splice(doc: str, section: str) -> str:
    start, end = doc.index(BEGIN) + len(BEGIN), doc.index(END)
    return doc[:start] + "\n" + section + "\n" + doc[end:]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--write", metavar="FILE")
    g.add_argument("--check", metavar="FILE")
    args = ap.parse_args()
    section = build()
    if args.write:
        with open(args.write) as fh:
            doc = fh.read()
        with open(args.write, "w") as fh:
            fh.write(splice(doc, section))
    elif args.check:
        with open(args.check) as fh:
            doc = fh.read()
        if splice(doc, section) != doc:
            print(f"worked_example.py: {args.check} is out of date "
                  f"(run python3 Tests/Vectors/worked_example.py --write {args.check})", file=sys.stderr)
            return 1
    else:
        print(section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
