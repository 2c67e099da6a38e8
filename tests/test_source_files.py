"""The files source: every format, bad items kept with file and line, encodings, binaries, size caps, and a
state that reads a file again only when it changed."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from darkwire.config import parse_config
from darkwire.model import Post
from darkwire.sources import build
from darkwire.sources.base import Source

FIXTURES = Path(__file__).parent / "fixtures" / "sources"


def files(tmp_path: Path, **cfg: Any) -> Source:
    return build(parse_config({"sources": [{"name": "f", "kind": "files", "path": "in", **cfg}]}).sources[0], tmp_path)


def write(tmp_path: Path, name: str, data: str | bytes) -> Path:
    path = tmp_path / "in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


def by_id(posts: list[Post]) -> dict[str | None, Post]:
    return {p.id: p for p in posts if not p.parse_error}


def errors(posts: list[Post]) -> list[str]:
    return [p.parse_error for p in posts if p.parse_error]


def test_every_format(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.jsonl",
        '{"id": "j1", "text": "Selling Orca Bank DB", "source": "Orca forum"}\n\n{"id": 2, "title": "only a title"}\n',
    )
    write(tmp_path, "b.json", json.dumps({"posts": [{"id": "k1", "text": "json array item"}]}))
    write(tmp_path, "c.csv", "post_id;victim;body\nc1;Falk AG;Falk AG listed by Play\n")
    write(tmp_path, "d.tsv", "id\ttext\nt1\ttab separated claim\n")
    write(tmp_path, "notes/e.txt", "An analyst's pasted claim about Lumen Clinic.\n")
    write(
        tmp_path,
        "f.html",
        "<html><head><title>Saved page</title><script>x()</script></head>"
        "<body><p>Selling <b>Nimbus</b> data</p><p>2k rows</p></body></html>",
    )
    write(tmp_path, "g.xml", (FIXTURES / "feed.rss").read_text(encoding="utf-8"))
    write(
        tmp_path,
        "tg/result.json",
        json.dumps(
            {
                "name": "Ch",
                "id": 5,
                "messages": [{"id": 9, "type": "message", "date": "2026-10-01T00:00:00", "text": "telegram claim"}],
            }
        ),
    )
    src = files(tmp_path, columns={"id": "post_id", "title": "victim", "text": "body"})
    _, posts = src.fetch({})
    got = by_id(posts)
    assert errors(posts) == []
    assert got["j1"].source == "Orca forum" and got["2"].title == "only a title"
    assert got["k1"].text == "json array item"
    assert got["c1"].title == "Falk AG" and got["c1"].text == "Falk AG listed by Play"
    assert got["t1"].text == "tab separated claim"
    assert got["notes/e.txt"].text.startswith("An analyst's")
    assert got["f.html"].title == "Saved page" and got["f.html"].text == "Selling Nimbus data\n2k rows"
    assert {"cm-0001", "cm-0002", "5:9"} <= set(got)
    assert src.seen is None


def test_bad_items_are_kept_with_file_and_line(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a.jsonl",
        '{"id": "1", "text": "fine"}\nnot json at all\n[1, 2]\n{"id": "4"}\n'
        '{"id": "5", "text": "x", "posted_at": "last tuesday"}\n',
    )
    write(tmp_path, "b.csv", 'id,text\n1,"fine"\n2,"broken quote\n')
    write(tmp_path, "c.csv", "name,comment\nx,y\n")
    _, posts = files(tmp_path).fetch({})
    errs = errors(posts)
    assert any(e.startswith("a.jsonl line 2: not JSON") for e in errs)
    assert any(e.startswith("a.jsonl line 3: expected a JSON object") for e in errs)
    assert any(e.startswith('a.jsonl line 4: no "text" nor "title"') for e in errs)
    assert any(e.startswith("a.jsonl line 5: posted_at") for e in errs)
    assert any(e.startswith("b.csv line 3") for e in errs)
    assert any(e.startswith("c.csv line 1: no column 'text'") for e in errs)
    bad = next(p for p in posts if p.parse_error and "line 2" in p.parse_error and "a.jsonl" in p.parse_error)
    assert bad.text == "not json at all"
    assert set(by_id(posts)) == {"1"} | {"1"}  # the good line of each file


def test_encodings_binaries_and_size(tmp_path: Path) -> None:
    write(tmp_path, "bom.jsonl", b"\xef\xbb\xbf" + b'{"id": "b", "text": "with a BOM"}\n')
    write(tmp_path, "utf16.jsonl", '{"id": "u", "text": "utf-16 text é"}\n'.encode("utf-16"))
    write(tmp_path, "latin1.txt", "caf\xe9 cr\xe8me".encode("latin-1"))
    write(tmp_path, "image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    write(tmp_path, "huge.jsonl", '{"id": "h", "text": "' + "x" * 5000 + '"}\n')
    _, posts = files(tmp_path, max_bytes=4000).fetch({})
    got = by_id(posts)
    assert got["b"].text == "with a BOM" and got["u"].text == "utf-16 text é"
    errs = errors(posts)
    assert any(e.startswith("latin1.txt: not UTF-8") for e in errs)
    assert any(e.startswith("image.png: a binary file") for e in errs)
    assert any(e.startswith("huge.jsonl:") and "max_bytes" in e for e in errs)


def test_state_reads_only_new_or_changed_files(tmp_path: Path) -> None:
    first = write(tmp_path, "a.jsonl", '{"id": "1", "text": "one"}\n')
    write(tmp_path, ".hidden.jsonl", '{"id": "h", "text": "hidden"}\n')
    write(tmp_path, "b.jsonl.part", '{"id": "p", "text": "being written"}\n')
    src = files(tmp_path)
    state, posts = src.fetch({})
    assert [p.id for p in posts] == ["1"]
    assert src.fetch(state)[1] == []
    os.utime(first, ns=(0, 0))  # touched, same content: not read again
    state, posts = src.fetch(state)
    assert posts == []
    with first.open("a", encoding="utf-8") as f:
        f.write('{"id": "2", "text": "two"}\n')
    write(tmp_path, "c.jsonl", '{"id": "3", "text": "three"}\n')
    state, posts = src.fetch(state)
    assert sorted(p.id or "" for p in posts) == ["1", "2", "3"]  # a changed file is read whole; the store dedupes
    assert src.fetch(state)[1] == []


def test_one_file_as_the_path(tmp_path: Path) -> None:
    write(tmp_path, "only.jsonl", '{"id": "1", "text": "one"}\n')
    src = build(
        parse_config({"sources": [{"name": "f", "kind": "files", "path": "in/only.jsonl"}]}).sources[0], tmp_path
    )
    assert [p.id for p in src.fetch({})[1]] == ["1"]
