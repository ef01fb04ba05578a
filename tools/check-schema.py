#!/usr/bin/env python3
"""Validate JSON documents against a JSON Schema (draft 2020-12).

Usage: tools/check-schema.py SCHEMA FILE...
       tools/check-schema.py report|release FILE...   (schema/NAME.schema.json of this repo)

Prints one line per problem (file, JSON path, message) and exits 0 when every file is
valid, 1 when any is not, 2 on usage errors or unreadable input. Uses the `jsonschema`
package (pip install jsonschema).
"""

import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def json_path(parts):
    out = "$"
    for p in parts:
        out += "[%d]" % p if isinstance(p, int) else ".%s" % p
    return out


def reject_duplicates(pairs):
    # Two readers must not see two documents: a repeated member is an error, as in chatham.
    keys = [k for k, _ in pairs]
    dup = sorted({k for k in keys if keys.count(k) > 1})
    if dup:
        raise ValueError("duplicate member %r" % dup[0])
    return dict(pairs)


def load(path):
    with open(path, "rb") as f:
        return json.loads(f.read().decode("utf-8"), object_pairs_hook=reject_duplicates)


def main(argv):
    if len(argv) < 2 or argv[0] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    try:
        from jsonschema import Draft202012Validator
    except ImportError:
        print("check-schema: the jsonschema package is missing: pip install jsonschema", file=sys.stderr)
        return 2
    schema_path = argv[0]
    if schema_path in ("report", "release"):
        schema_path = os.path.join(ROOT, "schema", schema_path + ".schema.json")
    try:
        schema = load(schema_path)
        Draft202012Validator.check_schema(schema)
    except Exception as e:  # unreadable or not a schema: a usage problem, not an invalid document
        print("check-schema: %s: %s" % (schema_path, e), file=sys.stderr)
        return 2
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    status = 0
    for path in argv[1:]:
        try:
            doc = load(path)
        except Exception as e:
            print("%s: not readable JSON: %s" % (path, e))
            status = max(status, 1)
            continue
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
        for e in errors:
            print("%s: %s: %s" % (path, json_path(e.absolute_path), e.message))
        if errors:
            status = max(status, 1)
        else:
            print("%s: valid" % path)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
