#!/usr/bin/env python3
"""Writes each fuzz target's seed corpus from the test vectors and examples.

    python3 Fuzz/seeds.py OUT_DIR        # OUT_DIR/<target>/seed-NNN

envelope   ← Tests/Vectors/envelopes.json bodies and plaintexts
credential ← Tests/Vectors/credentials.json credentials (as JSON) and the epoch keys' DER
report     ← the vectors' report plaintexts (JSON) and examples/report.yaml, examples/reports/**
profile    ← examples/profile.yaml and the DESIGN profile
scrubber   ← the vectors' narratives and the example reports' text
release    ← Tests/Vectors/releases.json documents (signed, tampered, canonical)
"""
import base64
import glob
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
V = os.path.join(ROOT, "Tests", "Vectors")


def load(name):
    with open(os.path.join(V, name)) as f:
        return json.load(f)


def main() -> int:
    out = sys.argv[1]
    seeds = {t: [] for t in ["envelope", "credential", "report", "profile", "scrubber", "release"]}
    env = load("envelopes.json")
    for case in env["cases"]:
        for k in ("body", "plaintext"):
            if isinstance(case.get(k), str):
                seeds["envelope"].append(case[k].encode())
        pt = case.get("plaintext")
        if isinstance(pt, str):
            try:
                obj = json.loads(pt)
                if isinstance(obj, dict) and isinstance(obj.get("report"), dict):
                    seeds["report"].append(json.dumps(obj["report"]).encode())
                    if isinstance(obj["report"].get("narrative"), str):
                        seeds["scrubber"].append(obj["report"]["narrative"].encode())
                if isinstance(obj, dict) and isinstance(obj.get("credential"), dict):
                    seeds["credential"].append(json.dumps(obj["credential"]).encode())
            except ValueError:
                pass
    cred = load("credentials.json")
    for case in cred["cases"]:
        c = case.get("credential")
        seeds["credential"].append((json.dumps(c) if not isinstance(c, str) else c).encode())
    for k in cred["credential_keys"]:
        seeds["credential"].append(base64.b64decode(k["public_key"]))
    rel = load("releases.json")
    for case in rel["cases"]:
        if isinstance(case.get("document"), str):
            seeds["release"].append(case["document"].encode())
    seeds["release"].append(json.dumps(rel["canonical"]).encode() if not isinstance(rel["canonical"], str) else rel["canonical"].encode())
    for path in [os.path.join(ROOT, "examples", "report.yaml")] + sorted(glob.glob(os.path.join(ROOT, "examples", "reports", "**", "*.yaml"), recursive=True))[:40]:
        data = open(path, "rb").read()
        seeds["report"].append(data)
        seeds["scrubber"].append(data)
    seeds["profile"].append(open(os.path.join(ROOT, "examples", "profile.yaml"), "rb").read())
    for target, items in seeds.items():
        d = os.path.join(out, target)
        os.makedirs(d, exist_ok=True)
        for i, data in enumerate(items):
            with open(os.path.join(d, f"seed-{i:03d}"), "wb") as f:
                f.write(data)
        print(f"seeds: {target}: {len(items)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
