"""The error tree: only leaves are raised, and each leaf names one HTTP status and exit code (README)."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import corpus_core.errors as errors

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ["corpus_core", "corpus", "indexing", "search_api", "evaluation", "flows", "corpus_cli"]


def _classes() -> dict[str, type[errors.CorpusError]]:
    return {
        name: cls
        for name, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, errors.CorpusError)
    }


def test_only_leaf_classes_are_raised() -> None:
    classes = _classes()
    inner = {
        name
        for name, cls in classes.items()
        if any(c is not cls and issubclass(c, cls) for c in classes.values())
    }
    raised: dict[str, list[str]] = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            for match in re.finditer(r"raise (\w+Error)\(", path.read_text(encoding="utf-8")):
                raised.setdefault(match.group(1), []).append(str(path.relative_to(ROOT)))
    wrong = {name: where for name, where in raised.items() if name in inner}
    assert not wrong, f"inner classes raised (raise a leaf instead): {wrong}"


def test_each_leaf_has_its_status_and_exit_code_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, cls in _classes().items():
        if name in {"CorpusError", "LoadError", "StoreError"}:
            continue
        row = next((line for line in readme.splitlines() if line.startswith("|") and f"`{name}`" in line), "")
        assert row, f"{name} is missing from README's error table"
        assert f"| {cls.http_status} | {cls.exit_code} |" in row, f"{name}: README row disagrees: {row}"
