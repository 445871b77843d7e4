"""The sentence-transformers model run by onnxruntime: the "onnx-int8" backend, and exact fp32.

The transformer is exported once per model with `torch.onnx.export` (mean pooling over the
attention mask included). For the "onnx-int8" backend it is then fused with onnxruntime's
BERT optimiser and quantised with `quantize_dynamic` (per-channel int8 weights). The plain
fp32 export encodes the "torch" backend's vectors on a CPU (`indexing.passage_encoder`,
`indexing.query_encoder`): they equal sentence-transformers' to within float rounding, which
is checked against sentence-transformers itself when the export is built, and onnxruntime
computes them faster: one short query in about 12 ms against 28 ms, because eager torch pays
a dispatch cost per operator; chunk texts at about 1.4x the rate on 2 cores. The int8 file
is checked too, for a cosine close to sentence-transformers' vectors: a model with a part the
export does not cover (a Dense layer) is refused rather than given other vectors. Either
file is cached under `cache_dir`, keyed by the model files' content, the torch, transformers,
onnx and onnxruntime versions and the export options; a file lock keeps two processes from
exporting at once and the file appears only complete (temporary file, then `os.replace`).
Nothing is downloaded: the model must be local.
A process that finds its file cached imports neither torch nor transformers: versions are
read from the installed packages' metadata and text is tokenized with `tokenizers`.

Vectors follow sentence-transformers: truncation at the model's `max_seq_length`, mean
pooling, L2 normalisation; texts are sorted by token length and each batch is padded only
to its longest text.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib.metadata
import json
import os
import re
import tempfile
import threading
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from corpus_core.errors import EmbeddingError
from corpus_core.settings import EmbeddingSettings
from indexing.embedder import resolve_model

if TYPE_CHECKING:
    from onnxruntime import InferenceSession

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

EXPORT_OPTIONS: dict[str, Any] = {
    "format": 1,
    "opset": 17,
    "attention": "eager",
    "pooling": "mean",
    "fusion": {"model_type": "bert", "opt_level": 0, "gelu_approximation": False},
    "quantize": {
        "op_types": ["MatMul", "Attention"],
        "per_channel": True,
        "reduce_range": False,
        "weight_type": "QInt8",
        "fp32_nodes": ["layer.0/output/dense/MatMul"],
    },
}
"""Everything that shapes the cached file; part of its cache key.

Chosen with benchmarks/encoders.py: MatMul and fused Attention quantised (the embedding table
stays fp32), except the first layer's FFN output projection, the node that costs the most
accuracy when quantised (its input is the GELU output, whose outliers widen the per-tensor
activation scale)."""

_MODEL_FILES = re.compile(r".*\.(json|txt|model|safetensors|bin)$")
"""Files whose content goes into the cache key: configs, vocabularies, weights."""
_TOOLCHAIN = ("torch", "transformers", "onnx", "onnxruntime")
"""The packages whose versions go into the cache key."""
EXACT_TOLERANCE = 1e-4
"""Largest difference in any vector component allowed between the fp32 export and
sentence-transformers on the probe texts (float rounding gives ~2e-7; a model part the
export leaves out, such as a Dense layer, gives ~1e-1)."""
INT8_MIN_COSINE = 0.98
"""Lowest cosine allowed between the int8 export's vector and sentence-transformers' on any
probe text. The bundled model's int8 file gives 0.993-0.996 (and a mean of 0.99 over chunk
texts, benchmarks/encoders.py); a model part the export leaves out gives far less."""
_PROBES = (
    "Organizational learning and the co-creation of value.",
    "Zürich, São Paulo, Kraków: naïve café résumé — 学习型组织",
    " ".join(["Double-loop learning questions the governing variables of an organization."] * 40),
)
"""Texts an export must encode as sentence-transformers does: short, accented, truncated."""

Tokenize = Callable[[list[str]], list[list[int]]]
"""Token ids of each text."""


def default_cache_dir() -> Path:
    """`$CORPUS_CACHE_DIR` if set, else `~/.cache/research-corpus/onnx`."""
    env = os.environ.get("CORPUS_CACHE_DIR")
    return Path(env) if env else Path.home() / ".cache" / "research-corpus" / "onnx"


def _local_model_dir(model: str) -> Path:
    """The model's directory on disk: the path itself, or its snapshot in the local hub cache."""
    path = Path(model).expanduser()
    if path.is_dir():
        return path
    try:
        from huggingface_hub import snapshot_download

        for repo_id in (model, f"sentence-transformers/{model}"):
            try:
                return Path(snapshot_download(repo_id, local_files_only=True))
            except Exception:
                continue
    except ImportError:
        pass
    raise EmbeddingError(f"embedding model {model!r}: not a local directory nor in the local hub cache")


def _model_fingerprint(model_dir: Path) -> str:
    """Hash of the model's files (names and content), so a changed model gets a new export."""
    digest = hashlib.sha256()
    for file in sorted(model_dir.rglob("*")):
        if not file.is_file() or not _MODEL_FILES.match(file.name):
            continue
        digest.update(str(file.relative_to(model_dir)).encode())
        with file.open("rb") as fh:
            digest.update(hashlib.file_digest(fh, "sha256").digest())
    return digest.hexdigest()


def _read_json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else {}


Precision = Literal["int8", "fp32"]


class OnnxEmbedder:
    """Embedder with the same interface as SentenceTransformerEmbedder, run by onnxruntime.

    `precision` "int8" is the "onnx-int8" backend; "fp32" is the exact export, used to encode
    queries for stores written by the "torch" backend. `threads` caps onnxruntime's intra-op
    threads (default: every core, for passages).
    """

    def __init__(
        self,
        settings: EmbeddingSettings,
        cache_dir: Path | None = None,
        precision: Precision = "int8",
        threads: int | None = None,
    ) -> None:
        self.settings = settings
        self.precision = precision
        self._threads = threads
        self._path = resolve_model(settings.model)
        self.cache_dir = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        self._session: InferenceSession | None = None
        self._tokenize: Tokenize | None = None
        self._count: Tokenize | None = None
        self._model_dir: Path | None = None
        self._max_tokens = 0
        self._lower_case = False
        self._configuring = threading.Lock()
        self._loading = threading.Lock()
        self._tokenizing = threading.Lock()
        """Held only while the encoding tokenizer runs (transformers' resets its truncation per call)."""
        self._counting = threading.Lock()
        """Held while the counting tokenizer, a separate instance, runs."""
        self.model_file: Path | None = None
        """The cached ONNX file, once `warm_up` has found or built it."""

    @property
    def name(self) -> str:
        """The configured model setting ("bundled" or a name/path)."""
        return self.settings.model

    def warm_up(self) -> InferenceSession:
        """Export (or find in the cache) and load the model once; later calls return the session."""
        with self._loading:
            if self._session is None:
                self._session = self._load()
        return self._session

    def _load(self) -> InferenceSession:
        try:
            import onnxruntime  # noqa: F401 (checked before anything is exported)
        except ImportError as exc:
            raise EmbeddingError(
                f"onnx {self.precision} encoder for {self._path!r}: onnxruntime is not installed"
            ) from exc
        model_dir = self._configured_dir()
        self._tokenize = self._new_tokenizer(model_dir, truncate=True)
        self.model_file = self._cached_model(model_dir)
        return self._session_of(self.model_file)

    def _session_of(self, model_file: Path) -> InferenceSession:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = self._threads or min(os.cpu_count() or 1, 16)
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        # No busy-waiting between ops: the cores are shared with the rest of the pipeline.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        try:
            return ort.InferenceSession(str(model_file), options, providers=["CPUExecutionProvider"])
        except Exception as exc:
            raise EmbeddingError(f"cannot load ONNX model {model_file} of {self._path!r}: {exc}") from exc

    def _configured_dir(self) -> Path:
        """The model directory, with truncation length, casing and pooling read from its config."""
        with self._configuring:
            if self._model_dir is None:
                model_dir = _local_model_dir(self._path)
                self._read_sentence_config(model_dir)
                self._model_dir = model_dir
            return self._model_dir

    def _read_sentence_config(self, model_dir: Path) -> None:
        """Truncation length, casing and pooling as sentence-transformers would use them."""
        st_config = _read_json(model_dir / "sentence_bert_config.json")
        pooling = _read_json(model_dir / "1_Pooling" / "config.json")
        mode = pooling.get("pooling_mode")  # sentence-transformers 6 writes one name
        other_modes = [
            k for k, v in pooling.items() if k.startswith("pooling_mode_") and v and "mean" not in k
        ] + ([mode] if isinstance(mode, str) and mode != "mean" else [])
        mean = mode == "mean" or bool(pooling.get("pooling_mode_mean_tokens"))
        if pooling and (not mean or other_modes):
            raise EmbeddingError(
                f"onnx {self.precision} encoder for {self._path!r}: only mean pooling is supported, "
                f"the model asks for {other_modes or 'no mean pooling'}"
            )
        self._lower_case = bool(st_config.get("do_lower_case", False))
        length = st_config.get("max_seq_length")
        if not length:
            config = _read_json(model_dir / "config.json")
            length = int(config.get("max_position_embeddings", 512))
        self._max_tokens = int(length)

    def _new_tokenizer(self, model_dir: Path, truncate: bool) -> Tokenize:
        """Token ids as sentence-transformers makes them (`truncate`), or bare ones for counting.

        With `truncate`, special tokens are added and the ids cut at the model's length;
        without, neither. The model's `tokenizer.json` is read with `tokenizers`, the library
        behind transformers' fast tokenizers (the same ids, without importing transformers and
        torch); a model without one goes through transformers' AutoTokenizer.
        """
        file = model_dir / "tokenizer.json"
        try:
            if file.is_file():
                from tokenizers import Tokenizer

                tokenizer = Tokenizer.from_file(str(file))
                tokenizer.no_padding()
                if truncate:
                    tokenizer.enable_truncation(max_length=self._max_tokens)
                else:
                    tokenizer.no_truncation()
                return lambda texts: [
                    e.ids for e in tokenizer.encode_batch(texts, add_special_tokens=truncate)
                ]
            from transformers import AutoTokenizer

            auto = AutoTokenizer.from_pretrained(str(model_dir), use_fast=True)
        except Exception as exc:
            raise EmbeddingError(f"cannot load tokenizer of {self._path!r}: {exc}") from exc
        options: dict[str, Any] = (
            {"truncation": True, "max_length": self._max_tokens}
            if truncate
            else {"add_special_tokens": False, "truncation": False}
        )
        return lambda texts: list(auto(texts, verbose=False, **options)["input_ids"])

    def _cache_key(self, model_dir: Path) -> str:
        key = {
            "model": _model_fingerprint(model_dir),
            "versions": [importlib.metadata.version(name) for name in _TOOLCHAIN],
            "options": (
                {**EXPORT_OPTIONS, "min_cosine": INT8_MIN_COSINE}
                if self.precision == "int8"
                else {"opset": EXPORT_OPTIONS["opset"]}
            ),
            "precision": self.precision,
        }
        return hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:20]

    def _cache_file(self, model_dir: Path) -> Path:
        """Where the ONNX file for this model, precision and toolchain lives in the cache."""
        try:
            key = self._cache_key(model_dir)
        except importlib.metadata.PackageNotFoundError as exc:
            raise EmbeddingError(
                f"onnx {self.precision} encoder for {self._path!r}: {exc.name} is not installed"
            ) from exc
        stem = re.sub(r"[^A-Za-z0-9._-]+", "_", model_dir.name or "model") + f"-{key}"
        return self.cache_dir / f"{stem}.{self.precision}.onnx"

    def is_cached(self) -> bool:
        """Whether the export exists already, so `warm_up` only loads it (well under a second)."""
        return self._cache_file(self._configured_dir()).is_file()

    def _cached_model(self, model_dir: Path) -> Path:
        """The ONNX file for this model and precision, exported under a file lock when not yet cached."""
        target = self._cache_file(model_dir)
        stem = target.name.removesuffix(f".{self.precision}.onnx")
        if target.is_file():
            return target
        try:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            with (self.cache_dir / f"{stem}.lock").open("a") as lock:
                fcntl.flock(lock, fcntl.LOCK_EX)
                try:
                    if _rejection(target).is_file():
                        raise EmbeddingError(_rejection(target).read_text(encoding="utf-8"))
                    if not target.is_file():
                        self._export(model_dir, target)
                finally:
                    fcntl.flock(lock, fcntl.LOCK_UN)
        except EmbeddingError:
            raise
        except OSError as exc:
            raise EmbeddingError(
                f"cannot write the ONNX cache {self.cache_dir} for {self._path!r}: {exc}"
            ) from exc
        return target

    def _export(self, model_dir: Path, target: Path) -> None:
        """Export (for int8: fuse and quantise) in a temporary directory, then move the result into place."""
        with tempfile.TemporaryDirectory(dir=self.cache_dir, prefix=".export-") as tmp:
            work = Path(tmp)
            try:
                config = _export_onnx(model_dir, work / "model.onnx")
            except Exception as exc:
                raise EmbeddingError(f"cannot export {self._path!r} to ONNX: {exc}") from exc
            result = work / "model.onnx"
            if self.precision == "int8":
                result = work / "int8.onnx"
                try:
                    _fuse(work / "model.onnx", work / "fused.onnx", config)
                    _quantize(work / "fused.onnx", result)
                except Exception as exc:
                    raise EmbeddingError(
                        f"cannot optimise or quantise the ONNX export of {self._path!r}: {exc}"
                    ) from exc
            self._check(model_dir, result, target)
            with result.open("rb") as fh:
                os.fsync(fh.fileno())
            os.replace(result, target)

    def _check(self, model_dir: Path, exported: Path, target: Path) -> None:
        """Refuse an export whose vectors are not sentence-transformers' own on `_PROBES`.

        fp32 must give them to within `EXACT_TOLERANCE`, int8 at a cosine of `INT8_MIN_COSINE`
        or more. The export covers the transformer and mean pooling; a model with more (a Dense
        layer, a default prompt, another pooling) would get other vectors. The refusal is
        remembered beside the cache file, so later processes do not export again to learn the same.
        """
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as transformers_logging

            transformers_logging.disable_progress_bar()
            model = SentenceTransformer(str(model_dir), device="cpu")
            reference = model.encode(
                list(_PROBES), normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False
            )
            ours = self._vectors(
                self._session_of(exported), self._new_tokenizer(model_dir, truncate=True), list(_PROBES), ""
            )
        except EmbeddingError:
            raise
        except Exception as exc:
            raise EmbeddingError(f"cannot check the ONNX export of {self._path!r}: {exc}") from exc
        if ours.shape != reference.shape:
            reason = f"{ours.shape[1]} dimensions against sentence-transformers' {reference.shape[1]}"
        elif self.precision == "fp32":
            difference = float(np.abs(ours - reference).max())
            if difference <= EXACT_TOLERANCE:
                return
            reason = f"vector components differ by up to {difference:.2g}"
        else:
            cosine = float((ours * reference).sum(axis=1).min())
            if cosine >= INT8_MIN_COSINE:
                return
            reason = f"a probe text's vectors have a cosine of {cosine:.3f}, under {INT8_MIN_COSINE}"
        message = (
            f"the {self.precision} ONNX export of {self._path!r} does not reproduce sentence-transformers' "
            f"vectors ({reason}; a model part the export does not cover?)"
        )
        if self.precision == "int8":
            message += '; encode this model with embedding.backend = "torch"'
        _rejection(target).write_text(message, encoding="utf-8")
        raise EmbeddingError(message)

    @property
    def max_tokens(self) -> int:
        """Longest input the model reads before truncating (sentence-transformers' max_seq_length)."""
        self._configured_dir()
        return self._max_tokens

    def count_tokens(self, texts: list[str]) -> list[int]:
        """Model tokens per text (special tokens excluded), with a tokenizer of its own."""
        if not texts:
            return []
        with self._loading:
            if self._count is None:
                self._count = self._new_tokenizer(self._configured_dir(), truncate=False)
            count = self._count
        with self._counting:
            return [len(ids) for ids in count(texts)]

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        session = self.warm_up()
        tokenize = self._tokenize
        assert tokenize is not None
        return self._vectors(session, tokenize, texts, prefix)

    def _vectors(
        self, session: InferenceSession, tokenize: Tokenize, texts: list[str], prefix: str
    ) -> np.ndarray:
        """Normalised vectors of `prefix` + each text, in length-sorted batches of `batch_size`."""
        inputs = [prefix + t for t in texts] if prefix else list(texts)
        if self._lower_case:
            inputs = [t.lower() for t in inputs]
        with self._tokenizing:
            ids = tokenize(inputs)
        order = sorted(range(len(ids)), key=lambda i: -len(ids[i]))
        batch_size = self.settings.batch_for("cpu")
        rows: list[np.ndarray] = []
        try:
            for start in range(0, len(order), batch_size):
                batch = [ids[i] for i in order[start : start + batch_size]]
                width = len(batch[0])
                input_ids = np.zeros((len(batch), width), dtype=np.int64)
                mask = np.zeros((len(batch), width), dtype=np.int64)
                for row, seq in enumerate(batch):
                    input_ids[row, : len(seq)] = seq
                    mask[row, : len(seq)] = 1
                rows.append(session.run(None, {"input_ids": input_ids, "attention_mask": mask})[0])
        except Exception as exc:
            raise EmbeddingError(f"onnxruntime failed to encode with {self._path!r}: {exc}") from exc
        vectors = np.empty((len(texts), rows[0].shape[1]), dtype=np.float32)
        vectors[order] = np.concatenate(rows)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        """Normalised passage vectors, encoded in length-sorted batches of `batch_size`."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return self._encode(texts, self.settings.passage_prefix)

    def embed_query(self, text: str) -> np.ndarray:
        """Normalised query vector."""
        return self._encode([text], self.settings.query_prefix)[0]


def _rejection(target: Path) -> Path:
    """Where the reason an export was refused is kept (see `OnnxEmbedder._check`)."""
    return target.with_suffix(".rejected")


def _export_onnx(model_dir: Path, out: Path) -> dict[str, Any]:
    """Trace the transformer plus mean pooling to ONNX with dynamic batch and sequence axes."""
    import torch
    from transformers import AutoModel
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    model = AutoModel.from_pretrained(str(model_dir), attn_implementation=EXPORT_OPTIONS["attention"]).eval()

    class MeanPooled(torch.nn.Module):
        def __init__(self, encoder: torch.nn.Module) -> None:
            super().__init__()
            self.encoder = encoder

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
            return (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)

    sample = (torch.full((2, 8), 1000, dtype=torch.long), torch.ones((2, 8), dtype=torch.long))
    axes = {0: "batch", 1: "sequence"}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            MeanPooled(model).eval(),
            sample,
            str(out),
            dynamo=False,
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={"input_ids": axes, "attention_mask": axes, "embedding": {0: "batch"}},
            opset_version=EXPORT_OPTIONS["opset"],
        )
    return dict(model.config.to_dict())


def _fuse(src: Path, out: Path, config: dict[str, Any]) -> None:
    """Apply onnxruntime's own transformer fusions (attention, embedding/skip layer norm, bias GELU)."""
    from onnxruntime.transformers.fusion_options import FusionOptions
    from onnxruntime.transformers.optimizer import optimize_model

    fusion = EXPORT_OPTIONS["fusion"]
    options = FusionOptions(fusion["model_type"])
    options.enable_gelu_approximation = fusion["gelu_approximation"]
    optimized = optimize_model(
        str(src),
        model_type=fusion["model_type"],
        num_heads=int(config.get("num_attention_heads", 0)),
        hidden_size=int(config.get("hidden_size", 0)),
        optimization_options=options,
        opt_level=fusion["opt_level"],
        use_gpu=False,
    )
    optimized.save_model_to_file(str(out))


def _quantize(src: Path, out: Path) -> None:
    """Dynamic int8 quantisation, per channel, leaving the accuracy-critical nodes in fp32."""
    import onnx
    from onnxruntime.quantization import QuantType, quantize_dynamic

    options = EXPORT_OPTIONS["quantize"]
    graph = onnx.load(str(src), load_external_data=False).graph
    excluded = [node.name for node in graph.node if any(p in node.name for p in options["fp32_nodes"])]
    quantize_dynamic(
        str(src),
        str(out),
        op_types_to_quantize=options["op_types"],
        per_channel=options["per_channel"],
        reduce_range=options["reduce_range"],
        weight_type=getattr(QuantType, options["weight_type"]),
        nodes_to_exclude=excluded,
        extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT},
    )
