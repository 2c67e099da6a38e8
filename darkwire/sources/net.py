"""The one way darkwire reaches the network: a client per source, built here and nowhere else.

- `trust_env=False`: no ambient HTTP_PROXY or .netrc decides where a request goes; only the source's config.
- A proxy per source; `via_tor` sends it through Tor's SOCKS port as `socks5h://` (host names are resolved by
  Tor, never by the local resolver, so .onion names work and nothing leaks to local DNS).
- Timeouts, retries with exponential backoff (connection errors, timeouts, 429 and 5xx; honouring Retry-After),
  a minimum interval between requests, and a size cap read as a stream.
- Local paths and file:// URLs are read from disk with the same cap, so feeds and forum pages saved to disk
  (the demo, tests, air-gapped analysts) go through the same code.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import httpx

from darkwire import __version__
from darkwire.config import SourceBase, resolve_secret
from darkwire.errors import SourceError

USER_AGENT = f"darkwire/{__version__} (+https://github.com/darkwire/darkwire)"
RETRY_STATUS = {429, 500, 502, 503, 504}
MAX_BACKOFF = 60.0


@dataclass
class Response:
    """What a fetch gives back: status, headers (lower-case names), body and the final URL."""

    status: int
    content: bytes
    url: str
    headers: dict[str, str] = field(default_factory=dict)

    def text(self) -> str:
        return decode(self.content, self.url)


def decode(data: bytes, where: str) -> str:
    """Bytes as text: UTF-8 (with or without a BOM) or UTF-16 with a BOM; anything else is refused."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as e:
            raise SourceError(f"{where}: not valid UTF-16 text ({e.reason} at byte {e.start})") from e
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise SourceError(f"{where}: not UTF-8 text ({e.reason} at byte {e.start})") from e


def is_local(url: str) -> bool:
    scheme = urlsplit(url).scheme.lower()
    return scheme in ("", "file") or (len(scheme) == 1 and url[1:3] in (":\\", ":/"))  # C:\ paths


def local_path(url: str, base_dir: Path) -> Path:
    if url.lower().startswith("file://"):
        return Path(unquote(urlsplit(url).path))
    path = Path(url).expanduser()
    return path if path.is_absolute() else base_dir / path


def join(base: str, link: str) -> str:
    """A link on a page, made absolute against the page's address (a URL or a local path)."""
    if is_local(base) and not urlsplit(link).scheme:
        if base.lower().startswith("file://"):
            return urljoin(base, link)
        target = (Path(base).parent / unquote(link.split("#")[0].split("?")[0])).resolve()
        return str(target)
    return urljoin(base, link)


class Fetcher:
    """GETs for one source, with its proxy, headers, retries, rate limit and size cap."""

    def __init__(
        self,
        cfg: SourceBase,
        base_dir: Path,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.cfg = cfg
        self.base_dir = base_dir
        self.sleep = sleep
        self._last = 0.0
        self._transport = transport
        self._client: httpx.Client | None = None
        self.headers = {"User-Agent": USER_AGENT}
        for name, value in cfg.headers.items():
            self.headers[name] = resolve_secret(value, base_dir, f"source {cfg.name}: header {name}")
        api_key = getattr(cfg, "api_key", None)
        if api_key is not None:
            header = getattr(cfg, "api_key_header", "X-API-KEY")
            self.headers[header] = resolve_secret(api_key, base_dir, f"source {cfg.name}: api_key")

    @property
    def proxy(self) -> str | None:
        return self.cfg.tor_proxy if self.cfg.via_tor else self.cfg.proxy

    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = http_client(self.cfg, self.headers, self._transport)
        return self._client

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    def get(self, url: str, headers: dict[str, str] | None = None) -> Response:
        """The body at `url` (a URL or a local path). Raises SourceError once the retries are spent, on a 4xx,
        or past `max_bytes`; a 304 comes back as a response with status 304."""
        if is_local(url):
            return self._read_local(url)
        attempt = 0
        while True:
            self._wait_rate_limit()
            try:
                response = self._get_once(url, headers or {})
            except (httpx.TimeoutException, httpx.TransportError) as e:
                if attempt >= self.cfg.retries:
                    raise SourceError(f"{_safe(url)}: {_describe(e)} (after {attempt + 1} tries)") from e
                self.sleep(_backoff(attempt))
                attempt += 1
                continue
            if response.status in RETRY_STATUS and attempt < self.cfg.retries:
                self.sleep(_retry_after(response.headers.get("retry-after"), attempt))
                attempt += 1
                continue
            if response.status >= 400:
                tries = f" (after {attempt + 1} tries)" if attempt else ""
                raise SourceError(f"{_safe(url)}: HTTP {response.status}{tries}")
            return response

    def _get_once(self, url: str, headers: dict[str, str]) -> Response:
        cap = self.cfg.max_bytes
        with self.client().stream("GET", url, headers=headers) as r:
            declared = r.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > cap:
                raise SourceError(f"{_safe(url)}: {declared} bytes is over this source's max_bytes ({cap})")
            chunks: list[bytes] = []
            size = 0
            for chunk in r.iter_bytes():
                size += len(chunk)
                if size > cap:
                    raise SourceError(f"{_safe(url)}: more than this source's max_bytes ({cap}); stopped reading")
                chunks.append(chunk)
            return Response(r.status_code, b"".join(chunks), str(r.url), {k.lower(): v for k, v in r.headers.items()})

    def _read_local(self, url: str) -> Response:
        path = local_path(url, self.base_dir)
        try:
            size = path.stat().st_size
            if size > self.cfg.max_bytes:
                raise SourceError(f"{path}: {size} bytes is over this source's max_bytes ({self.cfg.max_bytes})")
            return Response(200, path.read_bytes(), str(path))
        except OSError as e:
            raise SourceError(f"{path}: cannot read ({e.strerror or e})") from e

    def _wait_rate_limit(self) -> None:
        if self.cfg.rate_limit:
            wait = self._last + self.cfg.rate_limit - time.monotonic()
            if wait > 0:
                self.sleep(wait)
        self._last = time.monotonic()


def http_client(cfg: SourceBase, headers: dict[str, str] | None = None, transport: Any = None) -> httpx.Client:
    """The httpx client of one source: its proxy (or Tor), timeout and headers; never the environment's."""
    proxy = cfg.tor_proxy if cfg.via_tor else cfg.proxy
    return httpx.Client(
        proxy=proxy,
        transport=transport,
        trust_env=False,
        timeout=httpx.Timeout(cfg.timeout),
        headers=headers or {"User-Agent": USER_AGENT},
        follow_redirects=True,
        max_redirects=5,
    )


def _backoff(attempt: int) -> float:
    return float(min(MAX_BACKOFF, 0.5 * 2**attempt))


def _retry_after(value: str | None, attempt: int) -> float:
    """Seconds to wait before the next try: the server's Retry-After (seconds or a date), capped, else backoff."""
    if value:
        value = value.strip()
        if value.isdigit():
            return min(MAX_BACKOFF, float(value))
        try:
            when = parsedate_to_datetime(value)
            return max(0.0, min(MAX_BACKOFF, when.timestamp() - time.time()))
        except (TypeError, ValueError):
            pass
    return _backoff(attempt)


def _describe(e: Exception) -> str:
    if isinstance(e, httpx.TimeoutException):
        return "timed out"
    if isinstance(e, httpx.ProxyError):
        return f"proxy error: {e}"
    if isinstance(e, httpx.ConnectError):
        return f"cannot connect ({e})"
    return f"{type(e).__name__}: {e}"


def _safe(url: str) -> str:
    """A URL fit for logs: no user-info, no query string (either may carry a key)."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}" if parts.scheme else url
