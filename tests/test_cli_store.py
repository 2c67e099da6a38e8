"""The store commands as a user runs them: ingest, stats, retry, db upgrade; one-line errors, exit code 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from darkwire.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "cli.db"
    monkeypatch.setenv("DARKWIRE_DB", f"sqlite:///{path}")
    monkeypatch.delenv("DARKWIRE_CONFIG", raising=False)
    return path


def test_ingest_then_stats_then_again(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "--no-progress", "--workers", "1", str(FIXTURES)]) == 0
    out = capsys.readouterr().out
    assert "7 new" in out and "1 unreadable" in out and "7 analysed" in out
    assert main(["stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["posts"] == 7 and stats["analyses"] == 7 and stats["dead_letters"] == 1
    assert stats["sources"]["ingest"]["kind"] == "files"
    assert main(["ingest", "--no-progress", str(FIXTURES)]) == 0
    assert "0 new" in capsys.readouterr().out
    assert main(["stats"]) == 0
    assert "posts 7" in capsys.readouterr().out


def test_retry_and_db_upgrade(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["db", "upgrade"]) == 0
    assert "is up to date" in capsys.readouterr().out
    assert main(["retry"]) == 0
    assert "0 analysed again" in capsys.readouterr().out


def test_ingest_with_a_config_and_a_failing_source(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "darkwire.yaml"
    config.write_text(
        "sources:\n"
        f"  - {{name: local, kind: files, path: {FIXTURES}}}\n"
        "  - {name: gone, kind: rss, url: http://127.0.0.1:9/feed.xml, retries: 0}\n",
        encoding="utf-8",
    )
    assert main(["ingest", "--no-progress", "--config", str(config), "--source", "local"]) == 0
    capsys.readouterr()
    assert main(["ingest", "--no-progress", "--config", str(config)]) == 2
    out = capsys.readouterr().out
    assert "error: gone:" in out and "cannot connect" in out
    assert main(["stats", "--json"]) == 0
    health = json.loads(capsys.readouterr().out)["sources"]["gone"]
    assert health["errors"] == 1 and "cannot connect" in health["last_error"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["ingest"], "nothing to ingest"),
        (["ingest", "/no/such/path"], "no such file or folder"),
        (["ingest", "--config", "/no/such.yaml"], "config file /no/such.yaml not found"),
        (["ingest", "--workers", "0", "x"], "--workers must be 1 or more"),
    ],
)
def test_errors_are_one_line_and_exit_2(
    db: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_a_bad_database_url_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("DARKWIRE_DB", "postgresql+psycopg://u:hunter2@127.0.0.1:1/x")
    assert main(["stats"]) == 2
    err = capsys.readouterr().err
    assert "cannot open the database" in err and "hunter2" not in err


def test_dead_letters_are_listed(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ingest", "--no-progress", "--workers", "1", str(FIXTURES)]) == 0
    capsys.readouterr()
    assert main(["dead-letters"]) == 0
    out = capsys.readouterr().out
    assert "[parse] unread item" in out and "line 4" in out
    assert main(["dead-letters", "--json", "--all"]) == 0
    [letter] = json.loads(capsys.readouterr().out)
    assert letter["stage"] == "parse" and letter["raw"] == "this line is not JSON"


def test_incidents_command_lists_claims_with_their_external_ids(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = tmp_path / "posts.jsonl"
    feed.write_text(
        '{"id": "a1", "text": "Selling 75,000 rows of Orchard Bay Credit Union (Maine): SSN, accounts. 3k USD"}\n'
        '{"id": "a2", "text": "Orchard Bay Credit Union members 75k with SSN, 3000$ only", "source": "tg"}\n',
        encoding="utf-8",
    )
    assert main(["ingest", "--no-progress", "--workers", "1", str(feed)]) == 0
    assert "1 new incident" in capsys.readouterr().out
    assert main(["incidents", "--json"]) == 0
    [incident] = json.loads(capsys.readouterr().out)
    assert [c["external_id"] for c in incident["claims"]] == ["a1", "a2"]
    assert {"id", "victim", "actor", "claim_type", "severity", "verification", "first_seen", "last_seen"} <= set(
        incident
    )
    assert main(["incidents"]) == 0
    assert "Orchard Bay Credit Union" in capsys.readouterr().out
    post = incident["claims"][1]["post_id"]
    assert main(["incident", "split", str(incident["id"]), "--post", str(post), "--by", "ana", "--why", "x"]) == 0
    assert "new incident" in capsys.readouterr().out
    assert main(["incident", "show", str(incident["id"])]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["history"][0]["action"] == "split" and shown["history"][0]["by"] == "ana"
    assert main(["incident", "show", "999"]) == 2


def test_actors_and_organizations_commands(db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    feed = tmp_path / "leaks.jsonl"
    feed.write_text(
        '{"id": "l1", "source": "Play leak site", "title": "Marlow Components GmbH", "text": "Marlow Components '
        'GmbH, Germany. Payroll, IDs, contracts. Publication date: 2026-10-16."}\n',
        encoding="utf-8",
    )
    assert main(["ingest", "--no-progress", "--workers", "1", str(feed)]) == 0
    capsys.readouterr()
    assert main(["actors"]) == 0
    assert "Play: 1 incident" in capsys.readouterr().out
    assert main(["organizations", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["name"] == "Marlow Components GmbH"
