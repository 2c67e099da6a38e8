"""`files`: a folder (or one file) watched for new and changed files of any supported format.

The state remembers every file read (size, modification time, content hash): a file is read again only when it
changed, and then whole (the store drops the items it already has). Files being written (`*.tmp`, `*.part`,
hidden files) are left for a later run.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from darkwire.config import FilesSource
from darkwire.errors import SourceError
from darkwire.model import Post
from darkwire.sources import formats
from darkwire.sources.base import Source, unreadable
from darkwire.sources.net import decode

SKIP_SUFFIXES = {".tmp", ".part", ".crdownload", ".swp", ".lock"}
PREVIEW = 4096  # bytes of an unreadable file kept in its dead letter


class FilesSourceReader(Source):
    kind = "files"

    def __init__(self, cfg: FilesSource, base_dir: Path) -> None:
        super().__init__(cfg.name, cfg.label)
        self.cfg = cfg
        path = Path(cfg.path).expanduser()
        self.root = (path if path.is_absolute() else base_dir / path).resolve()

    def fetch(self, state: dict[str, Any]) -> tuple[dict[str, Any], list[Post]]:
        known: dict[str, Any] = dict(state.get("files") or {})
        posts: list[Post] = []
        for path in self._files():
            key = str(path)
            try:
                stat = path.stat()
            except OSError:
                continue  # removed since it was listed
            entry = known.get(key)
            if entry and entry.get("size") == stat.st_size and entry.get("mtime_ns") == stat.st_mtime_ns:
                continue
            data, digest, problem = self._read(path, stat.st_size)
            if entry and digest and entry.get("sha256") == digest:
                known[key] = {**entry, "mtime_ns": stat.st_mtime_ns}
                continue
            where = self._where(path)
            posts.extend([unreadable(problem, where, problem)] if data is None else self._parse(path, data, where))
            known[key] = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": digest}
        self.seen = None  # a folder with nothing new is normal: no alarm from here
        return {**state, "files": known}, posts

    def _files(self) -> list[Path]:
        if self.root.is_file():
            return [self.root]
        if not self.root.is_dir():
            raise SourceError(f"source {self.name}: {self.root} is neither a file nor a folder")
        try:
            found = sorted(p for p in self.root.glob(self.cfg.pattern) if p.is_file())
        except OSError as e:
            raise SourceError(f"source {self.name}: cannot list {self.root} ({e.strerror or e})") from e
        return [
            p
            for p in found
            if not any(part.startswith(".") for part in p.relative_to(self.root).parts)
            and p.suffix.lower() not in SKIP_SUFFIXES
        ]

    def _where(self, path: Path) -> str:
        return str(path.relative_to(self.root)) if path != self.root else path.name

    def _read(self, path: Path, size: int) -> tuple[bytes | None, str | None, str]:
        if size > self.cfg.max_bytes:
            return None, None, f"{size} bytes is over this source's max_bytes ({self.cfg.max_bytes}): not read"
        try:
            data = path.read_bytes()
        except OSError as e:
            return None, None, f"cannot read ({e.strerror or e})"
        return data, hashlib.sha256(data).hexdigest(), ""

    def _parse(self, path: Path, data: bytes, where: str) -> list[Post]:
        if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return [unreadable(data[:PREVIEW].decode("utf-8", "replace"), where, "a binary file, not text")]
        suffix = path.suffix.lower()
        if suffix in (".xml", ".rss", ".atom") or (suffix not in (".html", ".htm") and _looks_like_feed(data)):
            return formats.read_feed(data, where, self.label)[0]
        try:
            text = decode(data, where)
        except SourceError as e:
            return [unreadable(data[:PREVIEW].decode("utf-8", "replace"), where, str(e).removeprefix(f"{where}: "))]
        label = self.label
        head = text.lstrip()[:1]
        if suffix in (".jsonl", ".ndjson") or (
            suffix not in (".json", ".csv", ".tsv") and head == "{" and _jsonl(text)
        ):
            return formats.read_jsonl(text, where, label)
        if suffix == ".json" or head in ("[", "{"):
            return formats.read_json(text, where, label)
        if suffix in (".csv", ".tsv"):
            return formats.read_csv(text, where, label, self.cfg.columns, tab=suffix == ".tsv")
        if suffix in (".html", ".htm") or head == "<":
            return formats.read_html(text, where, label, where)
        return formats.read_text(text, where, label, where)


def _looks_like_feed(data: bytes) -> bool:
    head = data[:1024].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in data[:4096].lower() or b"<feed" in data[:4096].lower())


def _jsonl(text: str) -> bool:
    """JSON Lines rather than one JSON document: the first line is a whole object by itself."""
    first = text.lstrip().split("\n", 1)[0].strip()
    return first.startswith("{") and first.endswith("}")
