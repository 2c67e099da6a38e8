"""`darkwire run` end to end, as `make run` starts it: the bundled demo sources polled, analysed, and served;
a post pushed to the API analysed within seconds; a clean stop on SIGINT."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

DEMO_SOURCES = {
    "demo-files",
    "demo-darkfeed",
    "demo-leakwatch",
    "demo-telegram",
    "demo-xenforo",
    "demo-mybb",
    "demo-phpbb",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


TOKEN: dict[str, str] = {}  # the API token of the run under test, made with `darkwire token create`


def _get(url: str) -> Any:
    with urllib.request.urlopen(urllib.request.Request(url, headers=TOKEN), timeout=5) as r:
        return json.loads(r.read())


def _wait(predicate: Any, timeout: float) -> Any:
    end = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < end:
        try:
            last = predicate()
            if last:
                return last
        except OSError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"gave up waiting after {timeout}s; last: {last!r}")


def test_run_serves_the_analysed_demo_and_pushed_posts(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "DARKWIRE_DB": f"sqlite:///{tmp_path}/run.db"}
    env.pop("DARKWIRE_CONFIG", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "darkwire.cli", "run", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(lambda: _get(f"{base}/healthz")["ok"], timeout=60)  # /healthz is open to anyone
        with pytest.raises(urllib.error.HTTPError) as closed:
            _get(f"{base}/api/v1/stats")
        assert closed.value.code == 401  # everything else needs an account
        made = subprocess.run(
            [sys.executable, "-m", "darkwire.cli", "token", "create", "admin@localhost"],
            cwd=tmp_path, env=env, capture_output=True, text=True, check=True,
        )  # fmt: skip
        TOKEN["Authorization"] = "Bearer " + made.stdout.split()[-1]
        stats = _wait(lambda: (s := _get(f"{base}/api/v1/stats"))["analyses"] >= 90 and s, timeout=180)
        assert set(stats["sources"]) >= DEMO_SOURCES
        for name in DEMO_SOURCES:
            health = stats["sources"][name]
            assert health["runs"] >= 1 and not health["last_error"], (name, health)
            assert health["posts"] > 0, name
        assert stats["dead_letters"] >= 2  # the demo's deliberately malformed items, kept
        assert stats["posts"] >= 90

        post = {
            "id": "run-1",
            "text": "Selling 12k patient records of Larchmont Dental Group (Ohio): names, SSN. 2 BTC",
        }
        req = urllib.request.Request(
            f"{base}/api/v1/posts",
            data=json.dumps(post).encode(),
            headers={"content-type": "application/json", **TOKEN},
        )
        with urllib.request.urlopen(req, timeout=5) as r:
            assert r.status == 201
        found = _wait(lambda: [c for c in _get(f"{base}/api/v1/claims?q=Larchmont")["claims"] if c["claim_type"]], 30)
        assert found[0]["country"] == "US"
        with urllib.request.urlopen(urllib.request.Request(f"{base}/", headers=TOKEN), timeout=5) as r:
            assert r.status == 200 and "Breach claims" in r.read().decode()
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            out, _ = proc.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, _ = proc.communicate()
        TOKEN.clear()
    assert proc.returncode == 0, out
    assert "admin admin@localhost created, one-time password: " in out  # the first start's admin, shown once
