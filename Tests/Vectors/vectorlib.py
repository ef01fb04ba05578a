"""Shared pieces for the chatham test-vector generator and the worked example.

Everything here is deterministic: keys, salts, randomizers, blinding factors
and sealed-box ephemeral keys come from SHAKE-256 streams keyed by a label, so
running generate.py twice writes byte-identical files. Real clients must use
fresh randomness for every one of these; only test vectors may be fixed.

Only PyNaCl (libsodium) and `cryptography` are used; the RSA blind-signature
arithmetic (RFC 9474) is written out with Python integers so that it is an
implementation independent of swift-crypto/BoringSSL.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math

import nacl.bindings
import nacl.encoding
import nacl.hash
import nacl.public
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

LABEL_PREFIX = "chatham/v1/test-vectors/"

# ---------------------------------------------------------------- encodings


def b64(data: bytes) -> str:
    """Standard base64 with padding (DECISIONS: base64 everywhere)."""
    return base64.b64encode(data).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text, validate=True)


def i2osp(x: int, length: int) -> bytes:
    return x.to_bytes(length, "big")


def os2ip(data: bytes) -> int:
    return int.from_bytes(data, "big")


# ------------------------------------------------------- deterministic bytes


def drbg(label: str, n: int) -> bytes:
    """n pseudo-random bytes fixed by a label (test vectors only)."""
    return hashlib.shake_256((LABEL_PREFIX + label).encode("utf-8")).digest(n)


# ------------------------------------------------------------- libsodium side


def blake2b256(data: bytes) -> bytes:
    """crypto_generichash, 32-byte output, no key."""
    return nacl.hash.blake2b(data, digest_size=32, encoder=nacl.encoding.RawEncoder)


def key_id(public_key: bytes) -> str:
    """DESIGN/DECISIONS: lowercase hex of the first 8 bytes of BLAKE2b-256(pk)."""
    assert len(public_key) == 32
    return blake2b256(public_key)[:8].hex()


def pseudonym(prepared_message: bytes) -> str:
    """DECISIONS: lowercase hex BLAKE2b-256 (no key) of the prepared message."""
    return blake2b256(prepared_message).hex()


def x25519_keypair(label: str) -> tuple[bytes, bytes]:
    """(public, secret) with the secret taken directly from the label stream."""
    sk = nacl.public.PrivateKey(drbg(label, 32))
    return bytes(sk.public_key), bytes(sk)


def seal_with_ephemeral(plaintext: bytes, recipient_pk: bytes, ephemeral_sk: bytes) -> bytes:
    """crypto_box_seal, but with a chosen ephemeral key so vectors are reproducible.

    libsodium: epk, esk = keypair(); nonce = BLAKE2b-192(epk || pk);
    sealed = epk || crypto_box(m, nonce, pk, esk). The result is opened below
    by the real crypto_box_seal_open (nacl.public.SealedBox) as a check.
    """
    esk = nacl.public.PrivateKey(ephemeral_sk)
    epk = bytes(esk.public_key)
    nonce = nacl.hash.blake2b(epk + recipient_pk, digest_size=24, encoder=nacl.encoding.RawEncoder)
    box = nacl.public.Box(esk, nacl.public.PublicKey(recipient_pk))
    ct = box.encrypt(plaintext, nonce).ciphertext
    sealed = epk + ct
    assert len(sealed) == len(plaintext) + nacl.bindings.crypto_box_SEALBYTES
    return sealed


def open_sealed(sealed: bytes, pk: bytes, sk: bytes) -> bytes | None:
    """Real libsodium crypto_box_seal_open; None when it fails."""
    try:
        return nacl.public.SealedBox(nacl.public.PrivateKey(sk)).decrypt(sealed)
    except Exception:  # nacl.exceptions.CryptoError, or ValueError on short input
        return None


# ------------------------------------------------------------------ RSA keys

_SMALL_PRIMES = [p for p in range(3, 2000) if all(p % q for q in range(2, int(p ** 0.5) + 1))]


def _is_probable_prime(n: int, label: str) -> bool:
    if n < 2:
        return False
    for p in _SMALL_PRIMES:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for i in range(40):
        a = 2 + os2ip(drbg(f"{label}/mr/{i}", 128)) % (n - 3)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(label: str, bits: int, e: int) -> int:
    counter = 0
    while True:
        cand = os2ip(drbg(f"{label}/{counter}", bits // 8))
        cand |= (3 << (bits - 2)) | 1  # top two bits set: p*q has exactly 2*bits bits
        if math.gcd(e, cand - 1) == 1 and _is_probable_prime(cand, f"{label}/{counter}"):
            return cand
        counter += 1


def rsa_key(label: str, bits: int = 2048, e: int = 65537) -> rsa.RSAPrivateKey:
    """A fixed RSA key derived from a label (deterministic prime search)."""
    p = _prime(f"{label}/p", bits // 2, e)
    q = _prime(f"{label}/q", bits // 2, e)
    assert p != q
    return rsa_from_numbers(p, q, e)


def rsa_from_numbers(p: int, q: int, e: int, d: int | None = None) -> rsa.RSAPrivateKey:
    n = p * q
    if d is None:
        d = pow(e, -1, (p - 1) * (q - 1))
    priv = rsa.RSAPrivateNumbers(
        p=p, q=q, d=d,
        dmp1=rsa.rsa_crt_dmp1(d, p), dmq1=rsa.rsa_crt_dmq1(d, q), iqmp=rsa.rsa_crt_iqmp(p, q),
        public_numbers=rsa.RSAPublicNumbers(e, n),
    )
    return priv.private_key()


def spki_der(key: rsa.RSAPrivateKey | rsa.RSAPublicKey) -> bytes:
    pub = key.public_key() if isinstance(key, rsa.RSAPrivateKey) else key
    return pub.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def pkcs8_pem(key: rsa.RSAPrivateKey) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")


# ------------------------------------------------- RFC 9474 (RSABSSA-SHA384)

HASH_LEN = 48  # SHA-384
SALT_LEN = 48  # RSABSSA-SHA384-PSS-*: sLen = hLen


def mgf1_sha384(seed: bytes, length: int) -> bytes:
    out = b""
    counter = 0
    while len(out) < length:
        out += hashlib.sha384(seed + i2osp(counter, 4)).digest()
        counter += 1
    return out[:length]


def emsa_pss_encode(message: bytes, em_bits: int, salt: bytes) -> bytes:
    """RFC 8017 9.1.1 with SHA-384 and MGF1-SHA-384."""
    em_len = (em_bits + 7) // 8
    m_hash = hashlib.sha384(message).digest()
    if em_len < HASH_LEN + len(salt) + 2:
        raise ValueError("encoding error")
    m_prime = b"\x00" * 8 + m_hash + salt
    h = hashlib.sha384(m_prime).digest()
    ps = b"\x00" * (em_len - len(salt) - HASH_LEN - 2)
    db = ps + b"\x01" + salt
    db_mask = mgf1_sha384(h, em_len - HASH_LEN - 1)
    masked_db = bytearray(a ^ b for a, b in zip(db, db_mask))
    masked_db[0] &= 0xFF >> (8 * em_len - em_bits)
    return bytes(masked_db) + h + b"\xbc"


def rsabssa_blind(n: int, e: int, prepared: bytes, salt: bytes, r: int) -> tuple[bytes, int, bytes]:
    """RFC 9474 4.2 Blind with a given salt and blinding factor r.

    Returns (blinded_msg, inv, encoded_msg).
    """
    k = (n.bit_length() + 7) // 8
    encoded = emsa_pss_encode(prepared, n.bit_length() - 1, salt)
    m = os2ip(encoded)
    if math.gcd(m, n) != 1:
        raise ValueError("invalid input")
    inv = pow(r, -1, n)
    x = pow(r, e, n)
    z = (m * x) % n
    return i2osp(z, k), inv, encoded


def rsabssa_blind_sign(n: int, e: int, d: int, blinded: bytes) -> bytes:
    """RFC 9474 4.3 BlindSign: s = m^d mod n, checked by s^e mod n == m."""
    k = (n.bit_length() + 7) // 8
    if len(blinded) != k:
        raise ValueError("unexpected input size")
    m = os2ip(blinded)
    if m >= n:
        raise ValueError("invalid message length")
    s = pow(m, d, n)
    if pow(s, e, n) != m:
        raise ValueError("signing failure")
    return i2osp(s, k)


def rsabssa_finalize(pub: rsa.RSAPublicKey, blind_sig: bytes, inv: int, prepared: bytes,
                     salt_len: int = SALT_LEN) -> bytes:
    """RFC 9474 4.4 Finalize: sig = blind_sig * inv mod n, then RSASSA-PSS verify."""
    n = pub.public_numbers().n
    k = (n.bit_length() + 7) // 8
    if len(blind_sig) != k:
        raise ValueError("unexpected input size")
    s = (os2ip(blind_sig) * inv) % n
    sig = i2osp(s, k)
    if not pss_verify(pub, prepared, sig, salt_len):
        raise ValueError("invalid signature")
    return sig


def pss_verify(pub: rsa.RSAPublicKey, message: bytes, sig: bytes, salt_len: int = SALT_LEN) -> bool:
    """RSASSA-PSS-VERIFY (SHA-384, MGF1-SHA-384) via `cryptography` (OpenSSL)."""
    try:
        pub.verify(sig, message,
                   padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=salt_len),
                   hashes.SHA384())
        return True
    except Exception:
        return False


def random_r(label: str, n: int) -> int:
    """A blinding factor in [1, n) coprime to n, fixed by label."""
    counter = 0
    while True:
        r = os2ip(drbg(f"{label}/r/{counter}", (n.bit_length() + 7) // 8 + 16)) % n
        if r > 1 and math.gcd(r, n) == 1:
            return r
        counter += 1


def make_credential(label: str, key: rsa.RSAPrivateKey, epoch: str) -> dict:
    """The whole client/server credential flow with fixed randomness.

    Returns every intermediate so the worked example can print it.
    """
    nums = key.private_numbers()
    n, e, d = nums.public_numbers.n, nums.public_numbers.e, nums.d
    msg = drbg(f"{label}/msg", 32)
    prefix = drbg(f"{label}/msg_prefix", 32)
    prepared = prefix + msg  # RFC 9474 Randomized preparation
    salt = drbg(f"{label}/salt", SALT_LEN)
    r = random_r(label, n)
    blinded, inv, encoded = rsabssa_blind(n, e, prepared, salt, r)
    blind_sig = rsabssa_blind_sign(n, e, d, blinded)
    sig = rsabssa_finalize(key.public_key(), blind_sig, inv, prepared)
    return {
        "msg": msg, "msg_prefix": prefix, "prepared": prepared, "salt": salt,
        "encoded": encoded, "r": r, "inv": inv, "blinded": blinded,
        "blind_sig": blind_sig, "sig": sig,
        "credential": {"epoch": epoch, "message": b64(prepared), "signature": b64(sig)},
        "pseudonym": pseudonym(prepared),
    }


# ------------------------------------------------------------- report model


def epoch_of(period: str) -> str:
    """DECISIONS: the epoch of YYYY-MM is YYYY-Qn, n = (month-1)//3 + 1."""
    year, month = period.split("-")
    return f"{int(year):04d}-Q{(int(month) - 1) // 3 + 1}"


def sample_report(report_id: str, period: str = "2026-10") -> dict:
    """The report of DESIGN.md's example, as JSON (what goes inside the envelope)."""
    return {
        "schema": "chatham.report/1",
        "id": report_id,
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
        "narrative": "Phishing e-mail with a macro document led to ransomware on two file servers; "
                     "restored from offline backups within a day.",
        "share_narrative": False,
    }


def plaintext_bytes(credential: dict, report: dict) -> bytes:
    """UTF-8 JSON {"credential":…, "report":…}; compact, key order as written."""
    return json.dumps({"credential": credential, "report": report},
                      separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def envelope_bytes(kid: str, sealed: bytes, version=1) -> bytes:
    return json.dumps({"version": version, "key_id": kid, "sealed": b64(sealed)},
                      separators=(",", ":")).encode("utf-8")


# ---------------------------------------------------------- RFC 8785 (JCS)


def _jcs_number(x) -> str:
    if isinstance(x, bool):
        raise TypeError
    if isinstance(x, int):
        if abs(x) > 2 ** 53:
            raise ValueError("integer out of the I-JSON range")
        return str(x)
    if not math.isfinite(x):
        raise ValueError("non-finite number")
    if x == 0:
        return "0"
    if x.is_integer() and abs(x) < 1e21:
        return str(int(x))
    # Python's repr is the shortest round-trip form, as ECMAScript's; fix the exponent style.
    text = repr(x)
    if "e" in text:
        mant, exp = text.split("e")
        exp_i = int(exp)
        if -7 < exp_i < 21:  # ECMAScript writes these without an exponent
            from decimal import Decimal
            text = format(Decimal(text), "f")
        else:
            text = f"{mant}e{'+' if exp_i > 0 else '-'}{abs(exp_i)}"
    return text


def jcs(value) -> bytes:
    """RFC 8785 canonical JSON (UTF-8)."""
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
            keys = sorted(v.keys(), key=lambda k: k.encode("utf-16-be"))
            return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + enc(v[k]) for k in keys) + "}"
        raise TypeError(type(v))
    return enc(value).encode("utf-8")
