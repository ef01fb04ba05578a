"""A real chatham-server for the suites in Tests/Hostile, Tests/Load and Tests/OpenAPI.

Starts `chatham-server serve` on a fresh data directory and a free port, enrols members, and
gives the tests what they need to watch it: its resident size, whether it is alive, and how
many reports its SQLite file holds (read directly, not through the API).
"""
import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "Interop"))
import client  # noqa: E402,F401  (re-exported for the suites)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`with Server(binary, members=2) as srv:` — a live server; removed afterwards unless `keep`."""

    def __init__(self, binary: str, members: int = 2, keep: bool = False):
        self.binary = os.path.abspath(binary)
        self.work = tempfile.mkdtemp(prefix="chatham-suite.")
        self.data = os.path.join(self.work, "data")
        self.keep = keep
        self.key_id = self._run("init").strip()
        self.tokens = [json.loads(self._run("member", "add", f"suite-{i}", "--json"))["token"] for i in range(members)]
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = os.path.join(self.work, "server.log")
        self.proc = None

    def _run(self, *args: str) -> str:
        return subprocess.run([self.binary, *args, "--data", self.data], check=True, capture_output=True, text=True).stdout

    def start(self) -> "Server":
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([self.binary, "serve", "--data", self.data, "--host", "127.0.0.1",
                                      "--port", str(self.port)], stdout=log, stderr=log)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"chatham-server exited at start (status {self.proc.returncode}); see {self.log_path}")
            try:
                if client.request(self.base, "GET", "/healthz", timeout=2).status == 200:
                    return self
            except OSError:
                time.sleep(0.05)
        raise SystemExit("chatham-server did not answer /healthz within 30 s")

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def rss_kib(self) -> int:
        with open(f"/proc/{self.proc.pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def stored_reports(self) -> int:
        db = sqlite3.connect(f"file:{os.path.join(self.data, 'chatham.sqlite')}?mode=ro", uri=True, timeout=10)
        try:
            return db.execute("SELECT count(*) FROM report").fetchone()[0]
        finally:
            db.close()

    def log_text(self) -> str:
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def stop(self) -> int | None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode if self.proc else None

    def __enter__(self) -> "Server":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
        if self.keep or exc[0] is not None:
            print(f"kept {self.work}", file=sys.stderr)
        else:
            shutil.rmtree(self.work, ignore_errors=True)
