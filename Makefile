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
	@echo "== crash: kill -9 the server 10 times under concurrent submitters"
	$(PYTHON) Tests/Crash/crash_test.py $(DEBUG_BIN)/chatham-server --kills 10
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
	$(RELEASE_BIN)/chatham-bench-ingest --server-binary $(RELEASE_BIN)/chatham-server --reports 20000 --connections 32 --runs 3

vectors: deps
	$(PYTHON) Tests/Vectors/generate.py
	$(PYTHON) Tests/Vectors/worked_example.py --write docs/protocol.md

# VERIS_DATA: the directory with veris-1.4.1-enum.json and the ATT&CK mapping
# (the generator's default is ../shared/data).
taxonomy:
	$(PYTHON) tools/gen-taxonomy.py $(VERIS_DATA)

reports:
	$(PYTHON) scripts/gen-reports.py

clean:
	rm -rf .build
