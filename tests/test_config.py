"""Settings come from the environment and `.env`; a bad value is one line naming the variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings
from tests.helpers import cli_env, run_cli


def test_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = load_settings()
    assert settings.data_dir == Path("data") and settings.knowledge_dir == Path("knowledge")
    assert settings.embedding_provider == "local" and settings.embedding_model == "multilingual-e5-small"
    assert settings.chroma_host is None and not settings.llm_configured
    monkeypatch.setenv("EMBEDDING_PROVIDER", "openai")
    assert load_settings().embedding_model == "text-embedding-3-small"


def test_dotenv_file_is_read(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        "REDPILOT_DATA_DIR=/srv/redpilot\nCHROMA_HOST=10.0.0.5\nCHROMA_PORT=9000\n"
    )
    settings = load_settings()
    assert settings.data_dir == Path("/srv/redpilot")
    assert (settings.chroma_host, settings.chroma_port) == ("10.0.0.5", 9000)


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("EMBEDDING_PROVIDER", "bert", "EMBEDDING_PROVIDER: Input should be 'local' or 'openai'"),
        ("CHROMA_PORT", "eighty", "CHROMA_PORT: Input should be a valid integer"),
        ("CHROMA_PORT", "70000", "CHROMA_PORT: Input should be less than or equal to 65535"),
        ("LOG_LEVEL", "chatty", "LOG_LEVEL: Input should be"),
        ("OPENAI_BASE_URL", "api.example.com", "OPENAI_BASE_URL: must start with http:// or https://"),
    ],
)
def test_bad_values_are_one_line_errors(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str, expected: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as error:
        load_settings()
    assert str(error.value).startswith(expected) and "\n" not in str(error.value)


def test_cli_reports_a_bad_setting_without_a_traceback(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "data", tmp_path, CHROMA_PORT="not-a-port")
    result = run_cli("kb", "stats", env=env, cwd=tmp_path)
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == "error: CHROMA_PORT: Input should be a valid integer, unable to parse string as an integer (got 'not-a-port')"
    )


def test_local_provider_with_an_unknown_model_is_refused(tmp_path: Path) -> None:
    env = cli_env(tmp_path / "data", tmp_path, EMBEDDING_MODEL="bge-m3")
    result = run_cli("search", "达人", env=env, cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "EMBEDDING_MODEL: the local provider ships only multilingual-e5-small" in result.stderr


def _env_names() -> set[str]:
    from bot.config import Settings

    return {str(field.validation_alias.choices[0]) for field in Settings.model_fields.values()}  # type: ignore[union-attr]


def test_every_setting_is_documented_in_env_example_and_readme() -> None:
    root = Path(__file__).resolve().parent.parent
    example = {
        line.split("=", 1)[0]
        for line in (root / ".env.example").read_text(encoding="utf-8").splitlines()
        if "=" in line and not line.startswith("#")
    }
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert _env_names() == example
    assert all(f"`{name}`" in readme for name in _env_names())
