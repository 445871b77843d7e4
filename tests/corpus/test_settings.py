"""Settings: TOML defaults, --config files and CORPUS_* environment overrides."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from corpus_core.errors import ConfigError
from corpus_core.settings import DEFAULT_CONFIG, Settings, load_settings


def test_defaults_come_from_config_default_toml() -> None:
    settings = load_settings()
    assert settings.embedding.model == "bundled"
    assert settings.search.mode == "hybrid"
    assert settings.store == Path(".corpus-store")


def test_config_default_toml_and_the_code_give_the_same_defaults() -> None:
    """A default changed in one place only would differ between an installed wheel's callers
    that build settings objects directly and those that load the TOML (`.epub` once did)."""
    defaults = tomllib.loads(DEFAULT_CONFIG.read_text(encoding="utf-8"))
    for section, values in defaults.items():
        if not isinstance(values, dict):
            assert str(Settings.model_fields[section].default) == str(values), section
            continue
        model = Settings.model_fields[section].annotation
        assert isinstance(model, type), section
        code = model()
        for name, value in values.items():
            assert str(getattr(code, name)) == str(value), f"{section}.{name}"


def test_config_file_then_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "mine.toml"
    config.write_text('store = "/data/a"\n[chunking]\nmax_tokens = 128\n[search]\nk = 5\n')
    settings = load_settings(config)
    assert settings.store == Path("/data/a")
    assert settings.chunking.max_tokens == 128
    assert settings.chunking.overlap_tokens == 32
    monkeypatch.setenv("CORPUS_STORE", "/data/b")
    monkeypatch.setenv("CORPUS_SEARCH__K", "7")
    monkeypatch.setenv("CORPUS_EMBEDDING__MODEL", "/models/other")
    settings = load_settings(config)
    assert settings.store == Path("/data/b")
    assert settings.search.k == 7
    assert settings.search.mode == "hybrid"
    assert settings.embedding.model == "/models/other"


def test_explicit_override_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORPUS_STORE", "/data/env")
    assert load_settings(store=Path("/data/flag")).store == Path("/data/flag")


def test_bad_files_and_values_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "missing.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[search\nk=")
    with pytest.raises(ConfigError, match=r"broken\.toml"):
        load_settings(broken)
    invalid = tmp_path / "invalid.toml"
    invalid.write_text("[search]\nk = 0\n")
    with pytest.raises(ConfigError, match="k"):
        load_settings(invalid)
    unknown = tmp_path / "unknown.toml"
    unknown.write_text("[serch]\nk = 3\n")
    with pytest.raises(ConfigError, match="serch"):
        load_settings(unknown)
