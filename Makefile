# chatham — the two commands that matter are `make demo` and `make test`.
#
#   make demo       install missing packages, build release binaries, run the end-to-end demo
#   make test       install missing packages, build, run every test suite; fails on any failure
#   make build      debug build of everything
#   make release    release build of everything
#   make vectors    regenerate Tests/Vectors and the worked example in docs/protocol.md
#   make taxonomy   regenerate the VERIS-derived taxonomy, schemas and docs/taxonomy.md [VERIS_DATA=DIR]
#   make reports    regenerate the synthetic reports in examples/reports
#   make clean      remove build products (.build)
#
# GNU make. Swift must be on PATH (CI adds /opt/swift/usr/bin).

SWIFT   ?= swift
PYTHON  ?= python3
SHELL   := /bin/bash
.SHELLFLAGS := -euo pipefail -c

DEBUG_BIN   := .build/debug
RELEASE_BIN := .build/release

.PHONY: all deps demo test test-swift test-interop test-vectors build release \
        vectors taxonomy reports clean help bench-ingest

all: build

help:
	@sed -n '2,12p' Makefile | sed 's/^# \{0,1\}//'

deps:
	@scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

demo: release
	scripts/demo.sh $(RELEASE_BIN)

# swift test prints XCTest's "Executed 0 tests" line first (there are no XCTest
# cases); the Swift Testing summary after it is the one that counts, and the
# exit status covers both.
test: deps
	@echo "== swift build --build-tests"
	$(SWIFT) build --build-tests
	@echo "== swift test"
	$(SWIFT) test --skip-build
	@echo "== interop: Python client against the live server"
	bash Tests/Interop/run.sh $(DEBUG_BIN)/chatham-server
	@echo "== OpenAPI contract: openapi-spec-validator + schemathesis (30 s)"
	$(PYTHON) Tests/OpenAPI/run_schemathesis.py $(DEBUG_BIN)/chatham-server --max-time 30
	@echo "== hostile inputs: 10,000 bad requests against the live server"
	$(PYTHON) Tests/Hostile/hostile.py $(DEBUG_BIN)/chatham-server --count 10000
	@echo "== load: 64 connections, 10 s (make load runs 60 s on the release build)"
	$(PYTHON) Tests/Load/load.py $(DEBUG_BIN)/chatham-server --duration 10
	@echo "== fuzz smoke: every libFuzzer target briefly"
	Fuzz/run.sh 8
	@echo "== crash: kill -9 the server 10 times under concurrent submitters"
	$(PYTHON) Tests/Crash/crash_test.py $(DEBUG_BIN)/chatham-server --kills 10
	@echo "== metadata: the log and the database files after a whole scenario"
	$(PYTHON) Tests/Privacy/metadata_test.py $(DEBUG_BIN)/chatham-server
	@echo "== end to end: the demo through the real CLI (debug build)"
	scripts/demo.sh $(DEBUG_BIN)
	@echo "== test vectors: regenerate in memory and compare"
	$(PYTHON) Tests/Vectors/generate.py --check
	$(PYTHON) Tests/Vectors/worked_example.py --check docs/protocol.md
	@echo "== example reports: generator output matches the committed files"
	$(PYTHON) scripts/gen-reports.py --check
	@echo "== all tests passed"

# Ingest throughput of the release build against the machine's floor, in one run.
bench-ingest: deps
	$(SWIFT) build -c release --product chatham-server
	$(SWIFT) build -c release --product chatham-bench-ingest
	$(RELEASE_BIN)/chatham-bench-ingest --server-binary $(RELEASE_BIN)/chatham-server --reports 20000 --connections 128 --runs 3

vectors: deps
	$(PYTHON) Tests/Vectors/generate.py
	$(PYTHON) Tests/Vectors/worked_example.py --write docs/protocol.md

# VERIS_DATA: the directory with veris-1.4.1-enum.json and the ATT&CK mapping
# (the generator's default is ../shared/data).
taxonomy:
	$(PYTHON) tools/gen-taxonomy.py $(VERIS_DATA)

reports:
	$(PYTHON) scripts/gen-reports.py

# The full release (all tables, suppression, LP audit, signing) of 1,000,000 synthetic reports from
# 2,000 members against a plain SQL GROUP BY of the same tables, in one run. The synthetic database
# is built once (not timed) at .build/bench-release.sqlite.
.PHONY: bench-release
bench-release: deps
	$(SWIFT) build -c release --product chatham-bench-release
	$(RELEASE_BIN)/chatham-bench-release --reports 1000000 --members 2000 --runs 3

clean:
	rm -rf .build

# Scrubber quality and speed (issue 3): leak and over-redaction rates on the
# labelled corpus in Tests/Fixtures/scrub; throughput on 10 MB with a
# 1,000-entry profile against a plain byte scan in the same run.
.PHONY: eval-scrub bench-scrub
eval-scrub:
	$(SWIFT) build -c release --product chatham-scrub-eval
	$(RELEASE_BIN)/chatham-scrub-eval Tests/Fixtures/scrub

bench-scrub:
	$(SWIFT) build -c release --product chatham-scrub-bench
	$(RELEASE_BIN)/chatham-scrub-bench --mb 10 --runs 5 --entries 1000

# --- proof under fire (issue 7): fuzzing, hostile inputs, load, the OpenAPI contract.
#   make fuzz        build the libFuzzer targets and run each FUZZ_SECONDS (default 120)
#   make fuzz-smoke  the same, FUZZ_SMOKE_SECONDS (default 10) each — what CI runs
#   make load        64 connections for LOAD_SECONDS (default 60) against a release server
#   make test-hostile  ≥ 10,000 generated bad requests against a live debug server
#   make test-openapi  openapi-spec-validator + schemathesis (OPENAPI_SECONDS, default 60)
.PHONY: fuzz fuzz-smoke load test-hostile test-openapi
FUZZ_SECONDS       ?= 120
FUZZ_SMOKE_SECONDS ?= 10
LOAD_SECONDS       ?= 60
LOAD_CONNECTIONS   ?= 64
OPENAPI_SECONDS    ?= 60

fuzz: build
	Fuzz/run.sh $(FUZZ_SECONDS)

fuzz-smoke: build
	Fuzz/run.sh $(FUZZ_SMOKE_SECONDS)

load: release
	$(PYTHON) Tests/Load/load.py $(RELEASE_BIN)/chatham-server --duration $(LOAD_SECONDS) --connections $(LOAD_CONNECTIONS)

test-hostile: build
	$(PYTHON) Tests/Hostile/hostile.py $(DEBUG_BIN)/chatham-server --count 10000

test-openapi: build
	$(PYTHON) Tests/OpenAPI/run_schemathesis.py $(DEBUG_BIN)/chatham-server --max-time $(OPENAPI_SECONDS)
