"""Crash safety: `darkwire ingest` killed with SIGKILL at any moment, then run again, ends with every post
stored exactly once and analysed, none lost."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

POSTS_PER_FILE = 800
FILES = 3

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL needs a POSIX system")


def _write_inputs(folder: Path) -> int:
    folder.mkdir()
    n = 0
    for f in range(FILES):
        with (folder / f"part{f}.jsonl").open("w", encoding="utf-8") as out:
            for _ in range(POSTS_PER_FILE):
                n += 1
                text = (
                    f"Selling {1000 + n} rows of Vendor{n} Logistics (Spain): names, emails, phones. "
                    f"Price {100 + n} USD, escrow ok. Ref {n}."
                )
                out.write(json.dumps({"id": f"k-{n}", "text": text, "source": "crashforum"}) + "\n")
    return n


def _count(db: Path, table: str) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
    except sqlite3.OperationalError:
        return 0  # the tables are not there yet


def _start(folder: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "darkwire.cli", "ingest", str(folder), "--no-progress"]
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def _kill_when(proc: subprocess.Popen[bytes], ready: object, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if ready():  # type: ignore[operator]
            break
        time.sleep(0.02)
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)


def test_sigkill_at_any_stage_then_restart_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    total = _write_inputs(folder)
    db = tmp_path / "darkwire.db"
    env = {**os.environ, "DARKWIRE_DB": f"sqlite:///{db}", "PYTHONUNBUFFERED": "1"}
    # 1. killed while starting or fetching: nothing committed yet, or everything
    _kill_when(_start(folder, env), lambda: db.exists())
    # 2. killed in the middle of the analysis: posts stored, some analyses stored
    _kill_when(_start(folder, env), lambda: 0 < _count(db, "analyses") < total)
    # 3. killed again once the restarted run has moved on
    before = _count(db, "analyses")
    _kill_when(_start(folder, env), lambda: _count(db, "analyses") >= min(total - 1, before + 300))
    done = subprocess.run(
        [sys.executable, "-m", "darkwire.cli", "ingest", str(folder), "--no-progress"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(db) as conn:
        posts = conn.execute("SELECT count(*), count(DISTINCT external_id) FROM posts").fetchone()
        analysed = conn.execute("SELECT count(DISTINCT post_id) FROM analyses").fetchone()[0]
        rows = conn.execute("SELECT count(*) FROM analyses").fetchone()[0]
        letters = conn.execute("SELECT count(*) FROM dead_letters").fetchone()[0]
    assert posts == (total, total)  # every post, exactly once
    assert analysed == total and rows == total  # every post analysed, once per analyser version
    assert letters == 0
