"""Settings: the only module that reads the environment (and `.env`).

Every other module receives a `Settings` object. A bad value becomes a `ConfigError` whose message is one
line naming the environment variable, never a traceback.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict, SettingsError

LOCAL_EMBEDDING_MODEL = "multilingual-e5-small"
OPENAI_EMBEDDING_MODEL = "text-embedding-3-small"


class ConfigError(ValueError):
    """A setting has a bad value; the message is one line naming the variable."""


def _env(name: str) -> AliasChoices:
    return AliasChoices(name, name.lower())


class Settings(BaseSettings):
    """RedPilot's configuration. Field aliases are the environment variable names documented in README."""

    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", populate_by_name=True
    )

    data_dir: Path = Field(Path("./data"), validation_alias=_env("REDPILOT_DATA_DIR"))
    knowledge_dir: Path = Field(Path("./knowledge"), validation_alias=_env("REDPILOT_KNOWLEDGE_DIR"))

    embedding_provider: Literal["local", "openai"] = Field(
        "local", validation_alias=_env("EMBEDDING_PROVIDER")
    )
    # Empty means the provider's default (multilingual-e5-small locally, text-embedding-3-small for openai).
    embedding_model_name: str = Field("", validation_alias=_env("EMBEDDING_MODEL"))

    openai_api_key: SecretStr | None = Field(None, validation_alias=_env("OPENAI_API_KEY"))
    openai_base_url: str | None = Field(None, validation_alias=_env("OPENAI_BASE_URL"))
    openai_model: str = Field("gpt-4o-mini", validation_alias=_env("OPENAI_MODEL"))

    llm_timeout: float = Field(45.0, gt=0, le=60, validation_alias=_env("LLM_TIMEOUT"))
    llm_max_tool_calls: int = Field(6, ge=1, le=20, validation_alias=_env("LLM_MAX_TOOL_CALLS"))

    chroma_host: str | None = Field(None, validation_alias=_env("CHROMA_HOST"))
    chroma_port: int = Field(8000, ge=1, le=65535, validation_alias=_env("CHROMA_PORT"))

    telegram_bot_token: SecretStr | None = Field(None, validation_alias=_env("TELEGRAM_BOT_TOKEN"))
    telegram_api_base_url: str | None = Field(None, validation_alias=_env("TELEGRAM_API_BASE_URL"))
    telegram_webhook_url: str | None = Field(None, validation_alias=_env("TELEGRAM_WEBHOOK_URL"))
    telegram_webhook_secret: SecretStr | None = Field(None, validation_alias=_env("TELEGRAM_WEBHOOK_SECRET"))
    telegram_webhook_listen: str = Field("0.0.0.0", validation_alias=_env("TELEGRAM_WEBHOOK_LISTEN"))
    telegram_webhook_port: int = Field(8443, ge=1, le=65535, validation_alias=_env("TELEGRAM_WEBHOOK_PORT"))
    allowed_user_ids: Annotated[set[int], NoDecode] = Field(
        default_factory=set, validation_alias=_env("ALLOWED_USER_IDS")
    )
    allowed_chat_ids: Annotated[set[int], NoDecode] = Field(
        default_factory=set, validation_alias=_env("ALLOWED_CHAT_IDS")
    )
    admin_user_ids: Annotated[set[int], NoDecode] = Field(
        default_factory=set, validation_alias=_env("ADMIN_USER_IDS")
    )
    rate_limit_per_minute: int = Field(20, ge=1, validation_alias=_env("RATE_LIMIT_PER_MINUTE"))
    upload_max_mb: float = Field(20, gt=0, validation_alias=_env("UPLOAD_MAX_MB"))
    debounce_seconds: float = Field(1.0, ge=0, le=10, validation_alias=_env("DEBOUNCE_SECONDS"))
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = Field(
        "INFO", validation_alias=_env("LOG_LEVEL")
    )

    # Retrieval. Fusion weights were measured with `redpilot eval retrieval` (see docs/BENCHMARKS.md).
    search_dense_weight: float = Field(0.5, ge=0, validation_alias=_env("SEARCH_DENSE_WEIGHT"))
    search_lexical_weight: float = Field(1.0, ge=0, validation_alias=_env("SEARCH_LEXICAL_WEIGHT"))

    # Marketing rules of thumb (sources differ; these are editable defaults, documented in README).
    usd_cny_rate: float = Field(7.2, gt=0, validation_alias=_env("USD_CNY_RATE"))
    ces_weights: dict[str, float] = Field(
        {"like": 1, "collect": 1, "comment": 4, "share": 4, "follow": 8}, validation_alias=_env("CES_WEIGHTS")
    )
    tier_min_fans: dict[str, int] = Field(
        {"head": 500_000, "mid": 100_000, "junior": 10_000, "koc": 1_000},
        validation_alias=_env("TIER_MIN_FANS"),
    )
    tier_mix: dict[str, float] = Field(
        {"head": 0.20, "mid": 0.35, "junior": 0.30, "koc": 0.15}, validation_alias=_env("TIER_MIX")
    )
    trend_min_support: int = Field(5, ge=2, validation_alias=_env("TREND_MIN_SUPPORT"))

    @field_validator("tier_mix")
    @classmethod
    def _check_mix(cls, value: dict[str, float]) -> dict[str, float]:
        if set(value) != {"head", "mid", "junior", "koc"} or any(v < 0 for v in value.values()):
            raise ValueError("needs head, mid, junior and koc shares, none negative")
        total = sum(value.values())
        if not 0.99 <= total <= 1.01:
            raise ValueError(f"shares must add up to 1 (got {total:.2f})")
        return value

    @field_validator("tier_min_fans")
    @classmethod
    def _check_tiers(cls, value: dict[str, int]) -> dict[str, int]:
        if set(value) != {"head", "mid", "junior", "koc"}:
            raise ValueError("needs head, mid, junior and koc")
        if not value["head"] > value["mid"] > value["junior"] > value["koc"] >= 0:
            raise ValueError("thresholds must fall from head to koc")
        return value

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper_log_level(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @field_validator("embedding_provider", mode="before")
    @classmethod
    def _lower_provider(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("allowed_user_ids", "allowed_chat_ids", "admin_user_ids", mode="before")
    @classmethod
    def _id_list(cls, value: object) -> object:
        # "123, 456" or "123 456" in the environment; a JSON list works too.
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return value
            return [part for part in re.split(r"[\s,;]+", text) if part]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator(
        "openai_base_url", "chroma_host", "telegram_api_base_url", "telegram_webhook_url", mode="before"
    )
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("openai_api_key", "telegram_bot_token", "telegram_webhook_secret", mode="before")
    @classmethod
    def _blank_secret_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("openai_base_url")
    @classmethod
    def _check_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value

    @cached_property
    def embedding_model(self) -> str:
        if self.embedding_model_name:
            return self.embedding_model_name
        return LOCAL_EMBEDDING_MODEL if self.embedding_provider == "local" else OPENAI_EMBEDDING_MODEL

    @property
    def llm_configured(self) -> bool:
        return self.openai_api_key is not None or self.openai_base_url is not None


def _env_name(field_name: str) -> str:
    field = Settings.model_fields.get(field_name)
    alias = field.validation_alias if field is not None else None
    if isinstance(alias, AliasChoices):
        return str(alias.choices[0])
    return field_name.upper()


def load_settings(**overrides: object) -> Settings:
    """Read settings from the environment and `.env`; raise ConfigError with one line on a bad value."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except SettingsError as exc:  # a value that should be JSON (e.g. TIER_MIX) is not
        match = re.search(r'field "(\w+)"', str(exc))
        name = _env_name(match.group(1)) if match else "settings"
        raise ConfigError(f"{name}: not valid JSON") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        name = _env_name(str(first["loc"][0])) if first["loc"] else "settings"
        value = first.get("input")
        shown = "" if _env_name(str(first["loc"][0])).endswith(("KEY", "TOKEN")) else f" (got {value!r})"
        message = first["msg"].removeprefix("Value error, ")
        raise ConfigError(f"{name}: {message}{shown}") from None
