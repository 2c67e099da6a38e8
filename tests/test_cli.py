"""`darkwire analyze`: JSON Lines, plain text, JSON arrays, stdin, bad lines, errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from darkwire.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, object]], str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines() if line.strip()], err


def test_jsonl_in_order_with_bad_lines(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "posts.jsonl"
    f.write_text(
        '{"id": "a", "text": "Selling 1.2M records of Acme Bank for $5,000"}\n'
        "this is not json\n"
        "\n"
        '{"id": 7, "text": "second post", "gold": {"ignored": true}}\n'
        '["not", "an", "object"]\n'
        '{"id": "c"}\n',
        encoding="utf-8",
    )
    code, rows, err = run(capsys, "analyze", str(f))
    assert code == 0
    assert [r["id"] for r in rows] == ["a", "7"]
    assert rows[0]["records"] == 1200000
    assert "line 2: not JSON" in err
    assert "line 5: expected a JSON object" in err
    assert 'line 6: no "text" nor "title"' in err


def test_plain_text_file_is_one_post(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "claim.txt"
    f.write_text("Selling the database of Acme Bank.\nIt has 500k rows with IBAN.\n", encoding="utf-8")
    code, rows, _ = run(capsys, "analyze", str(f))
    assert code == 0 and len(rows) == 1 and rows[0]["id"] == "claim"
    assert "bank_account" in rows[0]["data_types"]


def test_json_array(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "posts.json"
    f.write_text(json.dumps([{"id": "x", "text": "DDoS attack on the city portal"}, {"text": "leak"}]))
    code, rows, _ = run(capsys, "analyze", str(f))
    assert code == 0 and [r["id"] for r in rows] == ["x", "item-2"]


def test_stdin(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr("darkwire.io.open_input", lambda path: io.StringIO('{"id": "s", "text": "hello"}\n'))
    code, rows, _ = run(capsys, "analyze", "-")
    assert code == 0 and rows[0]["id"] == "s"


def test_missing_file_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["analyze", "/nonexistent/posts.jsonl"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.strip() == "darkwire: no such file: /nonexistent/posts.jsonl"


def test_binary_file_does_not_crash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = tmp_path / "blob.bin"
    f.write_bytes(bytes(range(256)) * 20)
    code, rows, _ = run(capsys, "analyze", str(f))
    assert code == 0 and len(rows) == 1


def test_help_has_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["analyze", "--help"])
    assert "example:" in capsys.readouterr().out
