"""Settings from the environment (`DARKWIRE_*`), read afresh on every call so tests and commands see changes."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DB = "sqlite:///./data/darkwire.db"


class Settings(BaseSettings):
    """`DARKWIRE_DB`, `DARKWIRE_CONFIG` and `DARKWIRE_PUBLIC_READ` (see the interface contract)."""

    model_config = SettingsConfigDict(env_prefix="DARKWIRE_", extra="ignore")

    db: str = DEFAULT_DB
    config: Path | None = None
    public_read: bool = False


def get_settings() -> Settings:
    return Settings()
