"""Settings from the environment (`DARKWIRE_*`), read afresh on every call so tests and commands see changes."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DB = "sqlite:///./data/darkwire.db"


class Settings(BaseSettings):
    """`DARKWIRE_DB`, `DARKWIRE_CONFIG` and `DARKWIRE_PUBLIC_READ` (see the interface contract), and the optional
    language model that may polish briefs (`DARKWIRE_LLM_URL`, an OpenAI-compatible base URL such as
    http://127.0.0.1:11434/v1; `DARKWIRE_LLM_MODEL`; `DARKWIRE_LLM_API_KEY` when the endpoint needs one)."""

    model_config = SettingsConfigDict(env_prefix="DARKWIRE_", extra="ignore")

    db: str = DEFAULT_DB
    config: Path | None = None
    public_read: bool = False
    llm_url: str | None = None
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None
    llm_timeout: float = 60.0
    # e-mail alerts: the SMTP server (STARTTLS unless turned off; a CA file to trust a private certificate)
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_user: str | None = None
    smtp_password: SecretStr | None = None
    smtp_from: str = "darkwire@localhost"
    smtp_starttls: bool = True
    smtp_ca_file: Path | None = None


def get_settings() -> Settings:
    return Settings()
