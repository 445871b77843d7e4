"""Configuration errors in one line, naming the setting, the bad value and where it came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus_core.errors import ConfigError
from corpus_core.settings import load_settings


def _error(*args: object, **kwargs: object) -> str:
    with pytest.raises(ConfigError) as caught:
        load_settings(*args, **kwargs)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "\n" not in message, message
    return message


def test_config_directory(tmp_path: Path) -> None:
    assert _error(tmp_path) == f"{tmp_path}: is a directory, not a TOML file"


def test_config_from_environment_variable_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORPUS_CONFIG", str(tmp_path))
    assert "is a directory" in _error()


@pytest.mark.parametrize(
    ("variable", "value", "reason"),
    [
        ("CORPUS_SERVER__PORT", "99999", "must be less than or equal to 65535"),
        ("CORPUS_SERVER__PORT", "0", "must be greater than or equal to 1"),
        ("CORPUS_CHROMA__PORT", "70000", "must be less than or equal to 65535"),
    ],
)
def test_a_port_outside_1_to_65535_is_refused(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, reason: str
) -> None:
    monkeypatch.setenv(variable, value)
    name = variable.removeprefix("CORPUS_").replace("__", ".").lower()
    assert _error() == f"invalid setting {name} = {value!r} (from {variable}): {reason}"


def test_environment_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORPUS_SEARCH__MODE", "bogus")
    assert _error() == (
        "invalid setting search.mode = 'bogus' (from CORPUS_SEARCH__MODE): "
        "must be one of dense, lexical, hybrid"
    )


def test_environment_json_value_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORPUS_SEARCH", '{"k": 0}')
    message = _error()
    assert "search.k = 0 (from CORPUS_SEARCH)" in message and "greater than or equal to 1" in message


def test_environment_list_that_is_not_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORPUS_LOADING__EXTENSIONS", ".pdf")
    message = _error()
    assert "CORPUS_LOADING__EXTENSIONS = '.pdf'" in message and "JSON" in message


def test_file_value_names_the_file(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("[chroma]\nport = 'eighty'\n")
    message = _error(config)
    assert message.startswith(f"invalid setting chroma.port = 'eighty' (from {config}): must be")


def test_unknown_keys_name_the_file(tmp_path: Path) -> None:
    config = tmp_path / "typo.toml"
    config.write_text("colour = 1\n[search]\nmod = 'dense'\n")
    assert _error(config) == f"{config}: unknown settings colour, search.mod"


def test_command_line_value(tmp_path: Path) -> None:
    assert "(from command line)" in _error(store=123)


def test_long_value_is_cut(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORPUS_SEARCH__K", "9" * 5000)
    message = _error()
    assert len(message) < 300 and "CORPUS_SEARCH__K" in message


def test_valid_settings_still_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "ok.toml"
    config.write_text("[search]\nmode = 'lexical'\n[server]\nmax_body_bytes = 4096\n")
    monkeypatch.setenv("CORPUS_SEARCH__K", "7")
    settings = load_settings(config, store=tmp_path / "s")
    assert (settings.search.mode, settings.search.k, settings.server.max_body_bytes) == ("lexical", 7, 4096)
    assert settings.store == tmp_path / "s"
    assert load_settings().server.max_body_bytes == 1_048_576
