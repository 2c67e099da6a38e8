"""Reading posts from files and streams, and writing analyses as JSON Lines.

A file whose first non-blank line is a JSON object is JSON Lines; a file that is a JSON array is a list of
posts; anything else is one plain-text post. Bad lines are reported with their line number and skipped.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from pydantic import ValidationError

from darkwire.errors import InputError
from darkwire.model import Analysis, Post

MAX_PLAIN_CHARS = 1_000_000  # a plain-text file is one post: read its first million characters


@dataclass(frozen=True)
class BadLine:
    line: int
    reason: str


def _post_from_obj(obj: Any, line: int) -> Post | BadLine:
    if not isinstance(obj, dict):
        return BadLine(line, f"expected a JSON object, got {type(obj).__name__}")
    try:
        post = Post.model_validate(obj)
    except ValidationError as e:
        first = e.errors()[0]
        where = ".".join(str(x) for x in first["loc"]) or "post"
        return BadLine(line, f"{where}: {first['msg']}")
    if not post.text and not post.title:
        return BadLine(line, 'no "text" nor "title"')
    return post


def iter_posts(stream: IO[str], name: str = "<stdin>") -> Iterator[Post | BadLine]:
    """Posts from a text stream, in order; bad lines come back as `BadLine`, never raise."""
    first = ""
    head: list[str] = []
    for raw in stream:
        head.append(raw)
        if raw.strip():
            first = raw.strip()
            break
    if not first:
        return
    if first.startswith("["):
        yield from _json_array("".join(head) + stream.read())
        return
    if not first.startswith("{") or not _is_json_object(first):
        text = "".join(head) + stream.read(MAX_PLAIN_CHARS)  # the analyser reads no further than this anyway
        stem = os.path.splitext(os.path.basename(name))[0] if name != "<stdin>" else "stdin"
        yield Post(id=stem, text=text)
        return
    lineno = 0
    for lineno, raw in enumerate(_chain(head, stream), 1):
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw)
        except json.JSONDecodeError as e:
            yield BadLine(lineno, f"not JSON ({e.msg} at column {e.colno})")
            continue
        post = _post_from_obj(obj, lineno)
        if isinstance(post, Post) and post.id is None:
            post.id = f"line-{lineno}"
        yield post


def _chain(head: list[str], stream: IO[str]) -> Iterator[str]:
    yield from head
    yield from stream


def _is_json_object(line: str) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except json.JSONDecodeError:
        return False


def _json_array(text: str) -> Iterator[Post | BadLine]:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as e:
        yield BadLine(e.lineno, f"not a JSON array ({e.msg} at column {e.colno})")
        return
    for i, obj in enumerate(items if isinstance(items, list) else [items], 1):
        post = _post_from_obj(obj, i)
        if isinstance(post, Post) and post.id is None:
            post.id = f"item-{i}"
        yield post


def open_input(path: str) -> IO[str]:
    """The stream for `path` ('-' is standard input); undecodable bytes become U+FFFD, never an error."""
    if path == "-":
        return open(sys.stdin.fileno(), encoding="utf-8", errors="replace", closefd=False)
    try:
        return open(path, encoding="utf-8", errors="replace")
    except FileNotFoundError as e:
        raise InputError(f"no such file: {path}") from e
    except IsADirectoryError as e:
        raise InputError(f"{path} is a folder: give a file, or use 'darkwire ingest' for folders") from e
    except PermissionError as e:
        raise InputError(f"cannot read {path}: permission denied") from e


def dump(analysis: Analysis) -> str:
    return analysis.model_dump_json()


def analyze_stream(path: str, out: IO[str], err: IO[str], progress: bool = True) -> int:
    """`darkwire analyze`: analyses of the posts in `path` to `out`, problems to `err`. Returns 0."""
    from darkwire.analyze import Analyzer

    analyzer = Analyzer()
    size = os.path.getsize(path) if path != "-" and os.path.isfile(path) else 0
    bar = _progress(err, size) if progress and size > 2_000_000 and err.isatty() else None
    bad = 0
    with open_input(path) as stream:
        for item in iter_posts(stream, path):
            if isinstance(item, BadLine):
                bad += 1
                print(f"darkwire: {path} line {item.line}: {item.reason}; skipped", file=err)
                continue
            out.write(dump(analyzer.analyze_safely(item)) + "\n")
            if bar is not None:
                bar.advance(len(item.text or "") + 64)
    if bar is not None:
        bar.stop()
    if bad:
        print(f"darkwire: {bad} bad line(s) skipped", file=err)
    return 0


class _Bar:
    def __init__(self, err: IO[str], total: int) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

        self.progress = Progress(TextColumn("analysing"), BarColumn(), TimeRemainingColumn(), console=Console(file=err))
        self.task = self.progress.add_task("analyse", total=total)
        self.progress.start()

    def advance(self, n: int) -> None:
        self.progress.advance(self.task, n)

    def stop(self) -> None:
        self.progress.stop()


def _progress(err: IO[str], total: int) -> _Bar:
    return _Bar(err, total)
