#!/usr/bin/env python3
"""Builds chatham's libFuzzer targets (Linux, `-sanitize=fuzzer,address`).

    python3 Fuzz/build.py [TARGET…]        # default: all targets; binaries in Fuzz/.build/

Why this way: SwiftPM cannot build a libFuzzer binary from a package whose executables rename
`main`, and rebuilding every dependency (NIO, BoringSSL, GRDB…) instrumented costs many CPU
minutes. So each target is one `swiftc` invocation that
  * recompiles the module under test from its SwiftPM source list
    (.build/debug/<Module>.build/sources) *with* coverage and ASan instrumentation, the fuzz entry
    file compiled into that module (so it can call internal API such as the server's `Envelope`);
  * links every other module from the existing debug build, uninstrumented, using the object
    list SwiftPM wrote for an executable that contains the module (minus the module under test
    and that executable's own `main`), and the same compiler and linker flags SwiftPM used.
Run `swift build` (debug) first: `make fuzz` does.
"""
import glob
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEBUG = os.path.realpath(os.path.join(ROOT, ".build", "debug"))
OUT = os.path.join(ROOT, "Fuzz", ".build")

# target -> (module it is compiled into, executable whose link list holds that module)
TARGETS = {
    "envelope": ("ChathamServer", "chatham-server"),
    "credential": ("ChathamCrypto", "chatham-server"),
    "report": ("ChathamModel", "chatham-server"),
    "profile": ("ChathamScrub", "chatham"),
    "scrubber": ("ChathamScrub", "chatham"),
    "release": ("ChathamClient", "chatham"),
}


def build_yaml_args(key: str) -> list[str]:
    """The `args` list of one command in SwiftPM's .build/debug.yaml."""
    text = open(os.path.join(ROOT, ".build", "debug.yaml")).read()
    start = text.index(f'"{key}":')
    m = re.search(r'^    args: (\[.*\])$', text[start:], re.M)
    return json.loads(m.group(1))


def module_flags(module: str) -> list[str]:
    args = build_yaml_args(f"C.{module}-x86_64-unknown-linux-gnu-debug.module")
    keep, skip_next = [], False
    # -package-name stays: a module with `package` declarations needs it, and the objects linked
    # beside it were compiled with the same one.
    drop_with_value = {"-module-name", "-emit-module-path", "-output-file-map", "-index-store-path",
                       "-emit-objc-header-path"}
    drop = {"-emit-dependencies", "-emit-module", "-incremental", "-c", "-enable-batch-mode",
            "-serialize-diagnostics", "-parse-as-library", "-enable-testing", "-emit-objc-header",
            "-parseable-output", "-Onone"}
    for a in args[1:]:
        if skip_next:
            skip_next = False
            continue
        if a in drop_with_value:
            skip_next = True
        elif a in drop or a.startswith("@") or a.startswith("-j") or a.endswith(".swift"):
            continue
        else:
            keep.append(a)
    return keep


# Modules built on top of each module under test: their objects are left out of its fuzz binary
# (nothing in the target calls them, and stale ones would drag in unresolved references).
DEPENDENTS = {
    "ChathamCrypto": ["ChathamModel", "ChathamDigest", "ChathamServer", "ChathamClient", "ChathamScrub"],
    "ChathamModel": ["ChathamDigest", "ChathamServer", "ChathamClient"],
    "ChathamScrub": ["ChathamClient"],
    "ChathamClient": [],
    "ChathamServer": [],
}


def link_inputs(module: str, executable: str) -> tuple[list[str], list[str]]:
    """Objects and library flags of `executable`'s link, minus `module` and the executable's main."""
    args = build_yaml_args(f"C.{executable}-x86_64-unknown-linux-gnu-debug.exe")
    filelist = next(a[1:] for a in args if a.startswith("@"))
    exe_dir = executable.replace("-", "_") + ".build"
    objects = [line.strip().strip("'\"") for line in open(filelist) if line.strip()]
    leave_out = [module, exe_dir.removesuffix(".build")] + DEPENDENTS[module]
    objects = [o for o in objects if not any(f"/{m}.build/" in o for m in leave_out)]
    libs = []
    it = iter(args[1:])
    for a in it:
        if a.startswith("-l") or a.startswith("-L/"):
            libs.append(a)
        elif a == "-L":
            libs += [a, next(it)]
    return objects, libs


def build(target: str) -> str:
    module, executable = TARGETS[target]
    # The module's sources as they are now (SwiftPM's list may predate a file added since), plus
    # SwiftPM's generated resource accessor if the module has resources.
    sources = sorted(glob.glob(os.path.join(ROOT, "Sources", module, "**", "*.swift"), recursive=True))
    accessor = os.path.join(DEBUG, f"{module}.build", "DerivedSources", "resource_bundle_accessor.swift")
    if os.path.exists(accessor):
        sources.append(accessor)
    objects, libs = link_inputs(module, executable)
    os.makedirs(OUT, exist_ok=True)
    out = os.path.join(OUT, f"fuzz-{target}")
    entry = os.path.join(ROOT, "Fuzz", "targets", f"{target}.swift")
    inputs = sources + [entry, __file__] + [o for o in objects if os.path.exists(o)]
    if os.path.exists(out) and os.path.getmtime(out) > max(os.path.getmtime(i) for i in inputs):
        print(f"fuzz build: {target} is up to date", flush=True)
        return out
    cmd = (["swiftc", "-sanitize=fuzzer,address", "-parse-as-library", "-suppress-warnings", "-module-name", module, "-g", "-O",
            "-o", out] + module_flags(module) + sources + [os.path.join(ROOT, "Fuzz", "targets", f"{target}.swift")]
           + objects + libs + ["-Xlinker", f"-rpath={DEBUG}"])
    print(f"fuzz build: {target} (module {module}, {len(objects)} objects from {executable})", flush=True)
    # ld.gold warns once per ASan helper symbol; keep the rest of the output.
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    noise = "Cannot export local symbol"
    sys.stdout.write("".join(l + "\n" for l in proc.stdout.splitlines() if noise not in l))
    if proc.returncode != 0:
        raise SystemExit(f"fuzz build: {target} failed (run `swift build` first; see the compiler output above)")
    return out


def main() -> int:
    targets = sys.argv[1:] or list(TARGETS)
    for t in targets:
        if t not in TARGETS:
            print(f"unknown fuzz target {t}; known: {' '.join(TARGETS)}", file=sys.stderr)
            return 2
        build(t)
    return 0


if __name__ == "__main__":
    sys.exit(main())
