"""`darkwire.yaml`: the sources to poll and their network settings, validated before anything runs.

Unknown keys are errors (a typo must not silently disable a setting). Secrets are never written in the file:
a header, API key or proxy password is given by reference, `{"$env": "NAME"}` or `{"$file": "path"}`, resolved
when the source is built; a literal secret is refused. Relative paths resolve against the config file's folder.

    poll_interval: 300
    sources:
      - name: my-forum
        kind: html_forum
        url: http://forumxyz.onion/forums/databases/
        layout: xenforo
        via_tor: true
      - name: ransomware-live
        kind: json_api
        url: https://api.ransomware.live/v2/recentvictims
        profile: ransomware_live
        headers: {X-API-KEY: {"$env": "RANSOMWARE_LIVE_KEY"}}
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from darkwire.errors import ConfigError

_NAME = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$"
_SECRET_HEADER = re.compile(r"authorization|cookie|api[-_]?key|token|secret|password|(^|[-_])key$", re.IGNORECASE)
TOR_PROXY = "socks5h://127.0.0.1:9050"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class EnvRef(_Strict):
    """`{"$env": "NAME"}`: the value of an environment variable."""

    env: str = Field(alias="$env", min_length=1)


class FileRef(_Strict):
    """`{"$file": "path"}`: the contents of a file (stripped), relative to the config file's folder."""

    file: str = Field(alias="$file", min_length=1)


SecretRef = EnvRef | FileRef


class SourceBase(_Strict):
    """What every source has: a name, whether it runs, and its network settings."""

    name: str = Field(pattern=_NAME)
    enabled: bool = True
    label: str | None = Field(None, description="what the posts' `source` says when an item names none")
    interval: int | None = Field(None, ge=10, description="seconds between polls (default: poll_interval)")
    proxy: str | None = Field(None, description="http://, socks5:// or socks5h:// proxy for this source")
    via_tor: bool = False
    tor_proxy: str = TOR_PROXY
    timeout: float = Field(30.0, gt=0, le=600)
    retries: int = Field(3, ge=0, le=10)
    rate_limit: float | None = Field(None, ge=0, description="minimum seconds between two requests")
    max_bytes: int = Field(20_000_000, gt=0)
    headers: dict[str, str | EnvRef | FileRef] = Field(default_factory=dict)

    @field_validator("proxy", "tor_proxy")
    @classmethod
    def _proxy_url(cls, v: str | None) -> str | None:
        if v is None:
            return v
        parts = urlsplit(v)
        if parts.scheme not in ("http", "https", "socks5", "socks5h"):
            raise ValueError("a proxy is an http://, https://, socks5:// or socks5h:// URL")
        if parts.password:
            raise ValueError(
                "put secrets in the environment: a proxy password is not written in the config "
                '(set the proxy in an environment variable and give {"$env": "NAME"} in headers, or '
                "use a proxy without a password)"
            )
        return v

    @field_validator("headers")
    @classmethod
    def _no_literal_secrets(cls, v: dict[str, Any]) -> dict[str, Any]:
        for name, value in v.items():
            if isinstance(value, str) and _SECRET_HEADER.search(name):
                raise ValueError(f'header {name} holds a secret: put secrets in the environment: {{"$env": "NAME"}}')
        return v

    @property
    def network(self) -> bool:
        return True


class FilesSource(SourceBase):
    kind: Literal["files"]
    path: str
    pattern: str = "**/*"
    columns: dict[str, str] = Field(default_factory=dict, description="post field -> CSV column")

    @field_validator("columns")
    @classmethod
    def _known_fields(cls, v: dict[str, str]) -> dict[str, str]:
        known = {"id", "text", "title", "posted_at", "source", "url", "author"}
        if bad := set(v) - known:
            raise ValueError(f"columns maps post fields ({', '.join(sorted(known))}), not {', '.join(sorted(bad))}")
        return v


class RssSource(SourceBase):
    kind: Literal["rss"]
    url: str


class JsonApiSource(SourceBase):
    kind: Literal["json_api"]
    url: str
    profile: Literal["ransomware_live", "ransomwatch", "ransomlook", "generic"] = "generic"
    items: str = Field("", description="dotted path to the list of items ('' = the top level)")
    fields: dict[str, str] = Field(default_factory=dict, description="post field -> dotted item path")
    api_key: EnvRef | FileRef | None = None
    api_key_header: str = "X-API-KEY"

    @model_validator(mode="before")
    @classmethod
    def _literal_key(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("api_key"), str):
            raise ValueError('api_key: put secrets in the environment: {"$env": "NAME"}')
        return data

    @model_validator(mode="after")
    def _generic_needs_fields(self) -> JsonApiSource:
        if self.profile == "generic" and "text" not in self.fields and "title" not in self.fields:
            raise ValueError("a generic json_api needs fields: {text: <item path>} (and id, title, posted_at...)")
        return self


class TelegramExportSource(SourceBase):
    kind: Literal["telegram_export"]
    path: str
    channel_url: str | None = Field(None, description="https://t.me/<channel>, for message links")


class ForumSelectors(_Strict):
    thread_link: str
    body: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    next_page: str | None = None


class HtmlForumSource(SourceBase):
    kind: Literal["html_forum"]
    url: str
    layout: Literal["xenforo", "mybb", "phpbb", "custom"]
    selectors: ForumSelectors | None = None
    max_pages: int = Field(1, ge=1, le=100)
    max_threads: int = Field(100, ge=1, le=10_000)

    @model_validator(mode="after")
    def _custom_needs_selectors(self) -> HtmlForumSource:
        if (self.layout == "custom") != (self.selectors is not None):
            raise ValueError("selectors are given with layout: custom, and only then")
        return self


SourceConfig = Annotated[
    FilesSource | RssSource | JsonApiSource | TelegramExportSource | HtmlForumSource, Field(discriminator="kind")
]


class Config(_Strict):
    poll_interval: int = Field(300, ge=10)
    db: str | None = None
    public_read: bool | None = None
    sources: list[SourceConfig] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_names(self) -> Config:
        seen: set[str] = set()
        for s in self.sources:
            if s.name in seen:
                raise ValueError(f"two sources are named {s.name}: names must be unique")
            seen.add(s.name)
        return self


def load_config(path: Path) -> Config:
    """Read and validate a darkwire.yaml; every problem is a ConfigError naming the file and the field."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"{path}: cannot read the config file ({e.strerror})") from e
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: not valid YAML: {' '.join(str(e).split())}") from e
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the config is a mapping (poll_interval, sources, ...), not a {type(data).__name__}")
    return parse_config(data, str(path))


def parse_config(data: dict[str, Any], where: str = "config") -> Config:
    try:
        return Config.model_validate(data)
    except ValidationError as e:
        raise ConfigError(f"{where}: {_explain(e, data)}") from None


def _explain(e: ValidationError, data: dict[str, Any]) -> str:
    """The first problems, each as `sources[2] (name): field: message`, never echoing values (secrets)."""
    out = []
    for err in e.errors()[:3]:
        loc = list(err["loc"])
        parts: list[str] = []
        if len(loc) >= 2 and loc[0] == "sources" and isinstance(loc[1], int):
            src = data.get("sources") or []
            name = src[loc[1]].get("name") if loc[1] < len(src) and isinstance(src[loc[1]], dict) else None
            parts.append(f"sources[{loc[1]}]" + (f" ({name})" if name else ""))
            loc = loc[2:]
            if (
                loc
                and isinstance(loc[0], str)
                and loc[0] in ("files", "rss", "json_api", "telegram_export", "html_forum")
            ):
                loc = loc[1:]  # the discriminator's branch name
        field = ".".join(str(x) for x in loc)
        msg = err["msg"].removeprefix("Value error, ")
        if err["type"] == "extra_forbidden":
            msg = "unknown key (check its spelling in docs/sources.md)"
        elif err["type"] == "union_tag_invalid":
            msg = "kind must be one of files, rss, json_api, telegram_export, html_forum"
        elif err["type"] == "union_tag_not_found":
            msg = "every source needs a kind (files, rss, json_api, telegram_export, html_forum)"
        parts.append(f"{field}: {msg}" if field else msg)
        out.append(" ".join(parts))
    more = len(e.errors()) - len(out)
    return "; ".join(out) + (f" (and {more} more)" if more > 0 else "")


def resolve_secret(value: str | EnvRef | FileRef, base_dir: Path, what: str) -> str:
    """The value of a header or key: literal text, or the environment variable or file it refers to."""
    if isinstance(value, str):
        return value
    if isinstance(value, EnvRef):
        if value.env not in os.environ:
            raise ConfigError(f"{what}: the environment variable {value.env} is not set")
        return os.environ[value.env]
    path = Path(value.file)
    path = path if path.is_absolute() else base_dir / path
    try:
        return path.read_text(encoding="utf-8").strip()
    except OSError as e:
        raise ConfigError(f"{what}: cannot read the secret file {path} ({e.strerror})") from e


def build_source(cfg: Any, base_dir: Path, transport: Any = None) -> Any:
    """The Source for one source config. `transport`: an httpx transport for tests."""
    from darkwire.sources import build

    return build(cfg, base_dir, transport)
