"""The wheel carries everything it needs: installed outside the source tree, it ingests and searches.

The project is built into a wheel, installed (without dependencies) into a fresh virtual
environment in a temporary folder, and run from there: dependencies come from the test's own
environment through a `.pth` path entry, which does not activate this checkout's editable
install. The default settings and the cleaning rules must come from the installed package.
"""

from __future__ import annotations

import json
import os
import site
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEEDS

ROOT = Path(__file__).resolve().parents[2]


def _run(args: list[str], cwd: Path, env: dict[str, str], timeout: float = 600) -> str:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{args}\n{result.stdout[-2000:]}\n{result.stderr[-4000:]}"
    assert "Loading weights" not in result.stderr, "the model's loading bar is noise on stderr"
    return result.stdout


@pytest.mark.slow
@pytest.mark.integration
def test_wheel_installs_and_ingests_from_outside_the_tree(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(wheels),
            str(ROOT),
        ],
        cwd=tmp_path,
        env=dict(os.environ),
    )
    (wheel,) = wheels.glob("research_corpus-*.whl")
    venv = tmp_path / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=tmp_path, env=dict(os.environ))
    python = venv / "bin" / "python"
    target = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], tmp_path, {}
        ).strip()
    )
    (target / "dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    _run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)],
        tmp_path,
        dict(os.environ),
    )

    env = {k: v for k, v in os.environ.items() if not k.startswith("CORPUS_") and k != "PYTHONPATH"}
    env.update(
        PREFECT_HOME=str(tmp_path / "prefect"), HF_HUB_OFFLINE="1", PATH=f"{venv / 'bin'}:{env['PATH']}"
    )
    where = json.loads(
        _run(
            [
                str(python),
                "-c",
                "import json, corpus_core, corpus_core.settings as s; "
                "rules = s.load_settings().cleaning.rules_file; "
                "print(json.dumps([corpus_core.__file__, str(s.DEFAULT_CONFIG), str(rules)]))",
            ],
            tmp_path,
            env,
        )
    )
    assert all(path.startswith(str(target)) for path in where), where
    assert all(Path(path).is_file() for path in where), where

    store = tmp_path / "store"
    corpus = str(venv / "bin" / "corpus")
    _run([corpus, "ingest", str(SEEDS), "--store", str(store)], tmp_path, env)
    stats = json.loads(_run([corpus, "stats", "--store", str(store), "--json"], tmp_path, env))
    assert stats["documents"] >= 4, stats
    hits = json.loads(
        _run([corpus, "search", "learning organization", "--store", str(store), "--json"], tmp_path, env)
    )
    assert hits, "the installed package finds passages"
    text = json.dumps(hits)
    assert "Abbildung in dieser Leseprobe nicht enthalten" not in text, "cleaning rules were applied"
