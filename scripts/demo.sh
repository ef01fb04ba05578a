#!/usr/bin/env bash
# The chatham demo, end to end, with the real binaries on a real socket:
#
#   scripts/demo.sh BIN_DIR          (make demo runs it with .build/release)
#
# 1. makes a temporary data directory and runs `chatham-server init` in it;
# 2. serves it on 127.0.0.1 on a free port;
# 3. adds twelve members; each enrols from its own config home
#    (CHATHAM_HOME), pinning the key id init printed;
# 4. each member submits its reports from examples/reports/member-NN through
#    the real CLI (scrub, credential, seal, outbox, send);
# 5. the operator releases period 2026-10;
# 6. one member reads the statistics, exports a JSON digest and verifies its
#    signature; the operator audits every release;
# 7. the server is stopped and the temporary directories removed.
#
# Any failure stops the demo with a non-zero exit. KEEP=1 keeps the working
# directory (data, member homes, server log) for a look afterwards.
set -euo pipefail

PERIOD=2026-10
BIN_DIR=${1:?usage: scripts/demo.sh BIN_DIR   (the directory holding chatham and chatham-server)}
[ -d "$BIN_DIR" ] || { echo "demo: error: $BIN_DIR is not a directory; build first (swift build -c release)" >&2; exit 64; }
BIN_DIR=$(cd "$BIN_DIR" && pwd)
SERVER="$BIN_DIR/chatham-server"
CLI="$BIN_DIR/chatham"
for b in "$SERVER" "$CLI"; do
    [ -x "$b" ] || { echo "demo: error: $b is missing; build first (swift build -c release)" >&2; exit 64; }
done
ROOT=$(cd "$(dirname "$0")/.." && pwd)
REPORTS="$ROOT/examples/reports"
PROFILE="$ROOT/examples/profile.yaml"
PY=${PYTHON:-python3}
for tool in "$PY" curl; do
    command -v "$tool" >/dev/null 2>&1 || { echo "demo: error: $tool not found; run scripts/install-deps.sh" >&2; exit 64; }
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/chatham-demo.XXXXXX")
chmod 700 "$WORK"
DATA="$WORK/data"
HOMES="$WORK/members"
LOG="$WORK/server.log"
SERVER_PID=""

cleanup() {
    local rc=$?
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [ "${KEEP:-0}" = 1 ]; then
        echo "demo: kept $WORK (data in $DATA, server log in $LOG)"
    else
        rm -rf "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT

on_error() {
    local rc=$? line=$1
    echo "demo: FAILED (exit $rc) at scripts/demo.sh line $line: $BASH_COMMAND" >&2
    if [ -s "$LOG" ]; then
        echo "demo: last lines of the server log:" >&2
        tail -n 15 "$LOG" >&2
    fi
}
trap 'on_error $LINENO' ERR

heading() { printf '\n== %s\n' "$*"; }
# Show a command as the operator or member would type it, then run it.
show() { printf '$ %s\n' "$*"; }

# ---------------------------------------------------------------------------
heading "1. operator: create the data directory and keys"
show "chatham-server init --data \$DATA"
INIT_OUT=$("$SERVER" init --data "$DATA")
printf '%s\n' "$INIT_OUT"
KEY_ID=$(printf '%s\n' "$INIT_OUT" | grep -oE '\b[0-9a-f]{16}\b' | head -n 1 || true)
[ -n "$KEY_ID" ] || { echo "demo: error: init did not print a 16-hex key id" >&2; exit 1; }

# ---------------------------------------------------------------------------
heading "2. operator: serve"
PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
URL="http://127.0.0.1:$PORT"
show "chatham-server serve --data \$DATA --host 127.0.0.1 --port $PORT &"
"$SERVER" serve --data "$DATA" --host 127.0.0.1 --port "$PORT" >"$LOG" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 150); do
    if curl -fsS -o /dev/null "$URL/v1/keys" 2>/dev/null; then break; fi
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "demo: error: the server exited during start-up" >&2; false; }
    sleep 0.2
done
curl -fsS -o /dev/null "$URL/v1/keys" || { echo "demo: error: the server did not answer $URL/v1/keys within 30 s" >&2; false; }
echo "listening on $URL; GET /v1/keys answers"

# ---------------------------------------------------------------------------
heading "3. operator adds twelve members; each enrols from its own config home"
MEMBERS=()
for dir in "$REPORTS"/member-*/; do
    MEMBERS+=("$(basename "$dir")")
done
[ "${#MEMBERS[@]}" -eq 12 ] || { echo "demo: error: expected 12 member folders in $REPORTS, found ${#MEMBERS[@]}" >&2; exit 1; }
mkdir -m 700 "$HOMES"
show "chatham-server member add member-NN --json --data \$DATA      # prints the token once"
show "printf '%s' \"\$TOKEN\" | CHATHAM_HOME=… chatham enrol --server $URL --token - --key-id $KEY_ID"
for m in "${MEMBERS[@]}"; do
    TOKEN=$("$SERVER" member add "$m" --json --data "$DATA" \
        | "$PY" -c 'import json, sys; d = json.load(sys.stdin); assert d["member"]; print(d["token"])')
    mkdir -m 700 "$HOMES/$m"
    # The token goes through standard input, not the command line, so no process listing shows it.
    printf '%s\n' "$TOKEN" | CHATHAM_HOME="$HOMES/$m" "$CLI" enrol --server "$URL" --token - --key-id "$KEY_ID" >"$HOMES/$m.enrol.out"
    unset TOKEN
    cp "$PROFILE" "$HOMES/$m/profile.yaml"
    chmod 600 "$HOMES/$m/profile.yaml"
done

# ---------------------------------------------------------------------------
heading "4. members submit their reports (scrub, credential, seal, outbox, send)"
show "echo … | CHATHAM_HOME=… chatham scrub -     # what a narrative looks like once scrubbed"
echo "Analyst Kowalczyk saw beaconing from 10.20.30.40 to evil-cdn.example.com; ticket INC-448213, LockBit 3.0 suspected." \
    | CHATHAM_HOME="$HOMES/${MEMBERS[0]}" "$CLI" scrub - | sed 's/^/  /'
show "CHATHAM_HOME=… chatham submit --yes examples/reports/member-NN/*.yaml"
TOTAL=0
for m in "${MEMBERS[@]}"; do
    files=("$REPORTS/$m"/*.yaml)
    CHATHAM_HOME="$HOMES/$m" "$CLI" submit --yes "${files[@]}" >"$HOMES/$m.submit.out"
    receipts=$({ grep -oE 'rcpt_[0-9a-f]{32}' "$HOMES/$m.submit.out" || true; } | sort -u | wc -l)
    if [ "$receipts" -ne "${#files[@]}" ]; then
        echo "demo: error: $m submitted ${#files[@]} reports but got $receipts receipts:" >&2
        tail -n 5 "$HOMES/$m.submit.out" >&2
        false
    fi
    printf '%s: %3d reports, %3d receipts\n' "$m" "${#files[@]}" "$receipts"
    TOTAL=$((TOTAL + receipts))
done
echo "total: $TOTAL reports accepted"
echo "one member's submit output, first lines:"
sed -n '1,4p' "$HOMES/${MEMBERS[0]}.submit.out" | sed -e "s|$ROOT/||g" -e 's/^/  /'
echo
echo "what the operator knows of its members: who was issued a credential for which quarter, nothing more"
show "chatham-server member list --data \$DATA"
# sed, not head: it reads everything, so the writer never dies of SIGPIPE under pipefail.
"$SERVER" member list --data "$DATA" | sed -n '1,4p'
echo "…"

# ---------------------------------------------------------------------------
heading "5. operator: release period $PERIOD (threshold, dominance, secondary suppression, audit, sign)"
show "chatham-server release --period $PERIOD --data \$DATA"
"$SERVER" release --period "$PERIOD" --data "$DATA"

# ---------------------------------------------------------------------------
heading "6. a member reads the statistics"
ME="$HOMES/${MEMBERS[0]}"
show "chatham stats --period $PERIOD"
CHATHAM_HOME="$ME" "$CLI" stats --period "$PERIOD" >"$WORK/stats.out"
# The first table only (the output's second blank line ends it); the rest is counted.
awk 'NF == 0 { blank++ } blank < 2 && shown < 60 { print; shown++ }' "$WORK/stats.out"
tables=$(grep -cE '^[a-z][a-z-]+  \(' "$WORK/stats.out" || true)
echo "… and $((tables - 1)) more tables ($(wc -l <"$WORK/stats.out") lines in all)"

# ---------------------------------------------------------------------------
heading "7. export a JSON digest and verify its signature"
show "chatham digest --period $PERIOD --format json --output \$DATA/digest.json"
CHATHAM_HOME="$ME" "$CLI" digest --period "$PERIOD" --format json --output "$DATA/digest.json"
[ -s "$DATA/digest.json" ] || { echo "demo: error: the digest was not written" >&2; false; }
"$PY" - "$DATA/digest.json" "$TOTAL" <<'EOF'
import json, sys
doc = json.load(open(sys.argv[1]))
total = int(sys.argv[2])
grand = {c["count"] for t in doc["tables"] for c in t["cells"]
         if all(v == "*" for v in c["key"].values()) and c["status"] == "published"}
# Secondary suppression may hide the grand total (it is one cell shared by every table); when it is
# published it must be exact, and no published cell may exceed it.
if grand and grand != {total}:
    sys.exit(f"demo: error: the digest's grand total {sorted(grand)} is not the {total} receipts the members were given")
largest = max((c["count"] for t in doc["tables"] for c in t["cells"] if c["status"] == "published"), default=0)
if largest > total:
    sys.exit(f"demo: error: a published cell counts {largest} reports, more than the {total} submitted")
print(f"digest: grand total {'published: ' + str(total) if grand else 'suppressed (secondary suppression)'}; "
      f"largest published cell {largest} of {total} reports")
EOF
show "chatham verify \$DATA/digest.json"
CHATHAM_HOME="$ME" "$CLI" verify "$DATA/digest.json"

# ---------------------------------------------------------------------------
heading "8. operator: audit every stored release"
show "chatham-server audit --data \$DATA"
"$SERVER" audit --data "$DATA"

# ---------------------------------------------------------------------------
heading "9. stop the server"
kill "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""
echo "stopped"

# ---------------------------------------------------------------------------
heading "10. the database: nothing links a report to a member"
show "scripts/check-db-privacy.py \$DATA \$HOMES"
"$PY" "$(dirname "$0")/check-db-privacy.py" "$DATA" "$HOMES"
echo
echo "demo: OK — $TOTAL reports from ${#MEMBERS[@]} members, released, verified and audited"
