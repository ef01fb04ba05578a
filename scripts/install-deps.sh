#!/usr/bin/env bash
# Installs what building and testing chatham needs, and only what is missing:
# the Debian packages (libsodium, SQLite, OpenSSL and COIN-OR CLP headers, pkg-config,
# Python, curl) and the Python packages the interop tests and the vector
# generator import (PyNaCl, cryptography, jsonschema). Safe to run again:
# when everything is present it prints nothing and changes nothing.
#
#   scripts/install-deps.sh
#
# Swift itself is not installed here (see README.md).
set -euo pipefail

DEBS=(libsodium-dev libsqlite3-dev libssl-dev coinor-libclp-dev pkg-config python3 python3-pip curl)
# Headless browser for the web page test (charts in the DOM, screenshots).
DEBS+=(chromium)
# python import name -> pip package name
PY_MODULES=(nacl cryptography jsonschema schemathesis openapi_spec_validator)
PY_PACKAGES=(pynacl cryptography jsonschema schemathesis openapi-spec-validator)
# OASIS STIX 2.1 validator for exported bundles.
PY_MODULES+=(stix2validator)
PY_PACKAGES+=(stix2-validator)

say() { echo "install-deps: $*"; }
die() { echo "install-deps: error: $*" >&2; exit 1; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root to run '$*'; install sudo or run as root"
    fi
}

# --- Debian packages
missing=()
for pkg in "${DEBS[@]}"; do
    # dpkg -s also lists removed-but-configured packages; insist on "install ok installed".
    # (no pipe into grep -q: under pipefail an early exit of grep would fail the writer with SIGPIPE)
    if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)" != *'install ok installed'* ]]; then
        missing+=("$pkg")
    fi
done
if [ "${#missing[@]}" -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and apt-get is not available; install them with your package manager"
    say "installing ${missing[*]}"
    # Quiet on success; on failure show apt's own words, which say what to fix.
    if ! out=$(as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq 2>&1); then
        printf '%s\n' "$out" >&2
        die "apt-get update failed"
    fi
    if ! out=$(as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" 2>&1); then
        printf '%s\n' "$out" >&2
        die "apt-get install ${missing[*]} failed"
    fi
fi

# --- Python packages
PY=${PYTHON:-python3}
command -v "$PY" >/dev/null 2>&1 || die "$PY not found"
need_pip=()
for i in "${!PY_MODULES[@]}"; do
    if ! "$PY" -c "import ${PY_MODULES[$i]}" >/dev/null 2>&1; then
        need_pip+=("${PY_PACKAGES[$i]}")
    fi
done
if [ "${#need_pip[@]}" -gt 0 ]; then
    say "installing Python packages ${need_pip[*]}"
    # PIP_ROOT_USER_ACTION: CI runs as root on purpose; older pips ignore the variable.
    pip_cmd=(env PIP_ROOT_USER_ACTION=ignore "$PY" -m pip install --quiet --disable-pip-version-check)
    # Running as a non-root user without a virtualenv: install for that user only.
    if [ "$(id -u)" -ne 0 ] && [ -z "${VIRTUAL_ENV:-}" ]; then
        pip_cmd+=(--user)
    fi
    if ! out=$("${pip_cmd[@]}" "${need_pip[@]}" 2>&1); then
        if [[ "$out" == *externally-managed-environment* ]]; then
            # Debian 12's system Python refuses pip (PEP 668) unless told explicitly.
            "${pip_cmd[@]}" --break-system-packages "${need_pip[@]}" \
                || die "pip install ${need_pip[*]} failed"
        else
            printf '%s\n' "$out" >&2
            die "pip install ${need_pip[*]} failed"
        fi
    fi
    for i in "${!PY_MODULES[@]}"; do
        "$PY" -c "import ${PY_MODULES[$i]}" >/dev/null 2>&1 \
            || die "Python module ${PY_MODULES[$i]} still not importable after installing ${PY_PACKAGES[$i]}"
    done
fi
