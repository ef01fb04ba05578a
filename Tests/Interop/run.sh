#!/usr/bin/env bash
# Interop run: the Python client against a real chatham-server on a real socket.
#
#   Tests/Interop/run.sh .build/debug/chatham-server
#
# Makes a fresh data directory, enrols six members, serves on a free port,
# runs test_interop.py, has five more members submit one report each,
# releases this month and checks the release's signature and that every
# accepted report is in its grand total, then checks that a late submission
# gets period_closed. Exits non-zero on any failure. KEEP=1 keeps the
# working directory (data, server log) for a post-mortem.
set -uo pipefail

BIN=${1:?usage: run.sh PATH/TO/chatham-server}
[ -x "$BIN" ] || { echo "run.sh: error: $BIN is not an executable" >&2; exit 64; }
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
HERE=$(cd "$(dirname "$0")" && pwd)
PY=${PYTHON:-python3}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/chatham-interop.XXXXXX")
chmod 700 "$WORK"
DATA="$WORK/data"
SERVER_PID=""
STATUS=0

cleanup() {
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill "$SERVER_PID" 2>/dev/null
        wait "$SERVER_PID" 2>/dev/null
    fi
    if [ "${KEEP:-0}" = 1 ]; then
        echo "run.sh: kept $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

die() { echo "run.sh: error: $*" >&2; [ -f "$WORK/server.log" ] && tail -n 20 "$WORK/server.log" >&2; exit 1; }
fail() { echo "run.sh: FAIL: $*" >&2; STATUS=1; }

# --- offline first: the client agrees with the shared vectors
"$PY" "$HERE/test_vectors.py" >"$WORK/vectors.out" || { cat "$WORK/vectors.out" >&2; die "test_vectors.py failed"; }

# --- init and enrol
"$BIN" init --data "$DATA" >"$WORK/init.out" 2>"$WORK/init.err" || die "chatham-server init failed: $(cat "$WORK/init.err")"

TOKENS=()
for i in 1 2 3 4 5 6; do
    out=$("$BIN" member add "interop-member-$i" --json --data "$DATA") || die "member add interop-member-$i failed"
    token=$(printf '%s' "$out" | "$PY" -c 'import json,sys; d=json.load(sys.stdin); assert set(d) >= {"member","token"}; print(d["token"])') \
        || die "member add --json did not print {\"member\",\"token\"}"
    TOKENS+=("$token")
done

# --- serve on a free port
PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
URL="http://127.0.0.1:$PORT"
"$BIN" serve --data "$DATA" --host 127.0.0.1 --port "$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

up=0
for _ in $(seq 1 100); do
    kill -0 "$SERVER_PID" 2>/dev/null || die "chatham-server serve exited early"
    if "$PY" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/v1/keys", timeout=2)' "$URL" 2>/dev/null; then
        up=1; break
    fi
    sleep 0.2
done
[ "$up" = 1 ] || die "no answer from $URL/v1/keys after 20 s"

# The key id init printed is the one the server serves (what `chatham enrol --key-id` pins).
KEY_ID=$("$PY" "$HERE/client.py" keys --server "$URL" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["key_id"])') \
    || die "GET /v1/keys does not check out"
grep -q "$KEY_ID" "$WORK/init.out" "$WORK/init.err" || fail "init did not print the served key id $KEY_ID"

PERIOD=$(date -u +%Y-%m)

# --- the interop checks (members 1 and 2)
SERVER_URL="$URL" TOKEN="${TOKENS[0]}" TOKEN2="${TOKENS[1]}" \
    "$PY" "$HERE/test_interop.py" --period "$PERIOD" --summary "$WORK/summary.json" || fail "test_interop.py"
[ -f "$WORK/summary.json" ] || die "test_interop.py wrote no summary"
ACCEPTED=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["accepted"])' "$WORK/summary.json")

# --- five more members, one report each, so the grand total rests on >= 5 contributors
for i in 2 3 4 5 6; do
    CHATHAM_TOKEN="${TOKENS[$((i - 1))]}" "$PY" "$HERE/client.py" submit-valid --server "$URL" \
        --count 1 --period "$PERIOD" --state "$WORK/state-$i.json" >/dev/null \
        || fail "member $i could not submit"
    ACCEPTED=$((ACCEPTED + 1))
done

# --- release and check
"$BIN" release --period "$PERIOD" --data "$DATA" >"$WORK/release.out" 2>&1 || fail "chatham-server release --period $PERIOD: $(cat "$WORK/release.out")"
CHATHAM_TOKEN="${TOKENS[0]}" "$PY" "$HERE/client.py" check-release --server "$URL" --period "$PERIOD" \
    --expect "$ACCEPTED" || fail "release $PERIOD does not count the $ACCEPTED accepted reports"

# A released period takes no more reports (member 3 still holds its credential).
CHATHAM_TOKEN="${TOKENS[2]}" "$PY" "$HERE/client.py" submit-valid --server "$URL" --period "$PERIOD" \
    --state "$WORK/state-3.json" --expect-error period_closed || fail "a submission after release was not refused with period_closed"

# --- stop the server
kill "$SERVER_PID" 2>/dev/null
wait "$SERVER_PID" 2>/dev/null
SERVER_PID=""

if [ "$STATUS" = 0 ]; then
    echo "run.sh: interop passed ($ACCEPTED reports in $PERIOD)"
else
    echo "run.sh: interop FAILED" >&2
fi
exit "$STATUS"
