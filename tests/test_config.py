"""darkwire.yaml: validated before anything runs; every mistake named with the file, source and field; secrets
only by reference."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from darkwire.config import EnvRef, FileRef, load_config, parse_config, resolve_secret
from darkwire.errors import ConfigError

SELECTORS = "selectors are given with layout: custom"
DEMO = Path(__file__).resolve().parent.parent / "darkwire" / "demo" / "darkwire.yaml"


def write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "darkwire.yaml"
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data), encoding="utf-8")
    return path


def error(tmp_path: Path, data: Any) -> str:
    with pytest.raises(ConfigError) as e:
        load_config(write(tmp_path, data))
    return str(e.value)


def test_the_demo_config_loads() -> None:
    config = load_config(DEMO)
    assert config.poll_interval == 300 and len(config.sources) == 7


def test_every_kind_validates(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            {
                "sources": [
                    {"name": "a", "kind": "files", "path": "in", "columns": {"text": "body"}},
                    {"name": "b", "kind": "rss", "url": "https://x.example/feed", "interval": 60, "rate_limit": 2},
                    {"name": "c", "kind": "json_api", "url": "https://x.example/api", "profile": "ransomwatch"},
                    {"name": "d", "kind": "telegram_export", "path": "exports", "channel_url": "https://t.me/x"},
                    {"name": "e", "kind": "html_forum", "url": "http://x.onion/f", "layout": "phpbb", "via_tor": True},
                ]
            },
        )
    )
    assert [s.kind for s in config.sources] == ["files", "rss", "json_api", "telegram_export", "html_forum"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ({"name": "x", "kind": "rss", "url": "u", "ur1": "typo"}, "sources[0] (x) ur1: unknown key"),
        ({"name": "x", "kind": "rss"}, "sources[0] (x) url: Field required"),
        ({"name": "x", "kind": "ftp", "url": "u"}, "kind must be one of"),
        ({"name": "x", "url": "u"}, "every source needs a kind"),
        ({"name": "bad name!", "kind": "rss", "url": "u"}, "name: String should match pattern"),
        ({"name": "x", "kind": "files", "path": "p", "columns": {"body": "text"}}, "columns maps post fields"),
        (
            {"name": "x", "kind": "html_forum", "url": "u", "layout": "custom"},
            "selectors are given with layout: custom",
        ),
        (
            {
                "name": "x",
                "kind": "html_forum",
                "url": "u",
                "layout": "mybb",
                "selectors": {"thread_link": "a", "body": "p"},
            },
            "selectors are given with layout: custom",
        ),
        ({"name": "x", "kind": "json_api", "url": "u"}, "a generic json_api needs fields"),
        ({"name": "x", "kind": "rss", "url": "u", "proxy": "ftp://p"}, "a proxy is an http://"),
    ],
)
def test_mistakes_are_named(tmp_path: Path, source: dict[str, Any], expected: str) -> None:
    message = error(tmp_path, {"sources": [source]})
    assert message.startswith(str(tmp_path / "darkwire.yaml")) and expected in message, message


def test_unknown_top_level_keys_and_duplicate_names(tmp_path: Path) -> None:
    assert "pol_interval: unknown key" in error(tmp_path, {"pol_interval": 5})
    dup = [{"name": "x", "kind": "rss", "url": "u"}, {"name": "x", "kind": "rss", "url": "v"}]
    assert "two sources are named x" in error(tmp_path, {"sources": dup})


@pytest.mark.parametrize("header", ["Authorization", "Cookie", "X-API-Key", "X-Auth-Token", "api_key", "Secret"])
def test_literal_secrets_are_refused(tmp_path: Path, header: str) -> None:
    message = error(tmp_path, {"sources": [{"name": "x", "kind": "rss", "url": "u", "headers": {header: "hunter2"}}]})
    assert '{"$env": "NAME"}' in message and "hunter2" not in message


def test_a_literal_api_key_and_a_proxy_password_are_refused_and_never_echoed(tmp_path: Path) -> None:
    message = error(
        tmp_path,
        {"sources": [{"name": "x", "kind": "json_api", "url": "u", "profile": "ransomwatch", "api_key": "hunter2"}]},
    )
    assert "put secrets in the environment" in message and "hunter2" not in message
    message = error(
        tmp_path, {"sources": [{"name": "x", "kind": "rss", "url": "u", "proxy": "http://me:hunter2@p:8080"}]}
    )
    assert "hunter2" not in message and "password" in message


def test_plain_headers_are_fine(tmp_path: Path) -> None:
    config = load_config(
        write(tmp_path, {"sources": [{"name": "x", "kind": "rss", "url": "u", "headers": {"Accept-Language": "en"}}]})
    )
    assert config.sources[0].headers == {"Accept-Language": "en"}


def test_secrets_by_reference(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DW_TOKEN", "from-env")
    (tmp_path / "secret.txt").write_text("from-file\n", encoding="utf-8")
    assert resolve_secret(EnvRef.model_validate({"$env": "DW_TOKEN"}), tmp_path, "h") == "from-env"
    assert resolve_secret(FileRef.model_validate({"$file": "secret.txt"}), tmp_path, "h") == "from-file"
    with pytest.raises(ConfigError, match="source x: header A: the environment variable NOPE is not set"):
        resolve_secret(EnvRef.model_validate({"$env": "NOPE"}), tmp_path, "source x: header A")
    with pytest.raises(ConfigError, match="cannot read the secret file"):
        resolve_secret(FileRef.model_validate({"$file": "missing.txt"}), tmp_path, "source x: api_key")
    config = parse_config(
        {"sources": [{"name": "x", "kind": "rss", "url": "u", "headers": {"Authorization": {"$env": "DW_TOKEN"}}}]}
    )
    assert isinstance(config.sources[0].headers["Authorization"], EnvRef)


def test_files_that_are_not_configs(tmp_path: Path) -> None:
    assert "not valid YAML" in error(tmp_path, "sources: [unclosed")
    assert "is a mapping" in error(tmp_path, "- just\n- a list\n")
    assert load_config(write(tmp_path, "")).sources == []
    with pytest.raises(ConfigError, match="cannot read the config file"):
        load_config(tmp_path / "missing.yaml")


def test_relative_paths_resolve_against_the_config_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A config is read from wherever it lives: `path: in` means next to the config, not the working directory."""
    from darkwire.config import build_source

    folder = tmp_path / "conf"
    (folder / "in").mkdir(parents=True)
    (folder / "in" / "a.jsonl").write_text('{"id": "1", "text": "a claim"}\n', encoding="utf-8")
    (folder / "secret.txt").write_text("from-file\n", encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    path = folder / "darkwire.yaml"
    path.write_text(yaml.safe_dump({"sources": [{"name": "f", "kind": "files", "path": "in"}]}), encoding="utf-8")
    config = load_config(path)
    _, posts = build_source(config.sources[0], path.parent).fetch({})
    assert [p.id for p in posts] == ["1"]
    assert resolve_secret(FileRef.model_validate({"$file": "secret.txt"}), path.parent, "s") == "from-file"
