#!/usr/bin/env python3
"""After the demo: the database holds no member id, token, label, address or time in or beside any
report row.

    scripts/check-db-privacy.py DATA_DIR MEMBER_HOMES_DIR

Reads every member's token from its config home, then inspects the schema of the report tables
and every value stored in them. Exits 1 on any finding.
"""
import glob
import hashlib
import json
import os
import re
import sqlite3
import sys

data, homes = sys.argv[1], sys.argv[2]
tokens = [json.load(open(p))["token"] for p in glob.glob(os.path.join(homes, "*", "config.json"))]
labels = [os.path.basename(os.path.dirname(p)) for p in glob.glob(os.path.join(homes, "*", "config.json"))]
assert tokens, "no member config homes found"
db = sqlite3.connect(os.path.join(data, "chatham.sqlite"))
member_ids = {str(r[0]) for r in db.execute("SELECT id FROM member")}
token_hashes = {r[0] for r in db.execute("SELECT token_hash FROM member")}
report_tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name LIKE 'report%'")]
forbidden_words = {"member", "token", "ip", "addr", "address", "time", "timestamp", "created", "date",
                   "arrived", "received", "label", "user", "host", "agent"}
problems = []
for table in report_tables:
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name=?", (table,)).fetchone()[0]
    if "WITHOUT ROWID" not in sql.upper():
        problems.append(f"{table} keeps a rowid (arrival order)")
    for col in db.execute(f"PRAGMA table_info({table})"):
        if set(col[1].lower().split("_")) & forbidden_words:
            problems.append(f"{table}.{col[1]} names identifying data")
    for fk in db.execute(f"PRAGMA foreign_key_list({table})"):
        if fk[2] == "member":
            problems.append(f"{table} references member")
    rows = db.execute(f"SELECT * FROM {table}").fetchall()
    for row in rows:
        for value in row:
            text = str(value)
            if any(t in text for t in tokens) or text in token_hashes:
                problems.append(f"{table}: a token or token hash")
            if any(re.search(rf"\b{re.escape(l)}\b", text) for l in labels):
                problems.append(f"{table}: a member label")
            if re.search(r"\b\d{4}-\d{2}-\d{2}\b|\d{2}:\d{2}:\d{2}", text):
                problems.append(f"{table}: a date or time: {text[:60]}")
            if re.search(r"\b127\.0\.0\.1\b|\b\d{1,3}(\.\d{1,3}){3}\b", text):
                problems.append(f"{table}: an IP address")
    print(f"{table}: {len(rows)} rows checked")
for p in sorted(set(problems)):
    print("FAIL", p)
print(f"{len(report_tables)} report tables, {len(tokens)} member tokens: " + ("no identifying data" if not problems else f"{len(set(problems))} problems"))
sys.exit(1 if problems else 0)
