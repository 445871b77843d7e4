"""Text of PDF pages that have none to extract (scans): OCRmyPDF with Tesseract, one file at a time.

The PDF loader hands over the physical numbers of its pages without text; `recognise_pages`
answers the text Tesseract read on each, or says why it could not ("needs OCR: install
tesseract-ocr"), so the file is reported, never dropped. Pages that have text are OCR'd
only when the loader names them as scans under a stamp (`force`, `corpus.loading.scans`);
`--pages` names only the pages asked for, and otherwise `--skip-text` guards the rest.

OCRmyPDF runs as a child process in its own session, so `loading.ocr_timeout_s` can stop
it together with every Tesseract it started. It writes no PDF (`--output-type none`, so
neither Ghostscript nor PDF/A is involved; pages are rasterised with pypdfium2), only the
recognised text (`--sidecar`), on one core (`--jobs 1`: the parsing workers already use
the others). Its files live in a temporary folder that is gone when the call returns:
nothing is cached outside the store.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from corpus_core.settings import LoadingSettings

log = logging.getLogger(__name__)

INSTALL_TESSERACT = "needs OCR: install tesseract-ocr"
"""The reason given when Tesseract is not on PATH (the file is reported with it, not dropped)."""

_SKIPPED = re.compile(r"\[OCR skipped on page\(s\) (\d+)(?:-(\d+))?\]")
"""OCRmyPDF's sidecar marker for a run of pages it did not OCR."""
_STDERR_LINES = 3
"""Last lines of OCRmyPDF's error output quoted in a failure's reason."""


@dataclass(frozen=True)
class OcrResult:
    """What OCR made of the pages it was asked for."""

    texts: dict[int, str] = field(default_factory=dict)
    """Physical page number (1-based) -> recognised text ('' when Tesseract read nothing there)."""
    problem: str = ""
    """Why the pages were not OCR'd ('' when they were), e.g. "needs OCR: install tesseract-ocr"."""


def page_ranges(numbers: list[int]) -> str:
    """Page numbers as OCRmyPDF's `--pages` takes them: [1, 2, 3, 7] -> "1-3,7"."""
    ranges: list[str] = []
    ordered = sorted(set(numbers))
    if not ordered:
        return ""
    start = previous = ordered[0]
    for number in [*ordered[1:], 0]:
        if number == previous + 1:
            previous = number
            continue
        ranges.append(str(start) if start == previous else f"{start}-{previous}")
        start = previous = number
    return ",".join(ranges)


def missing_requirement(language: str) -> str:
    """Why OCR in `language` ("eng", "eng+deu") cannot run here, or '' when it can."""
    if importlib.util.find_spec("ocrmypdf") is None:
        return "needs OCR: install ocrmypdf (pip install ocrmypdf)"
    installed = _tesseract_languages(os.environ.get("PATH", ""))
    if installed is None:
        return INSTALL_TESSERACT
    missing = [code for code in language.split("+") if code not in installed]
    if missing:
        packages = " ".join(f"tesseract-ocr-{code.lower().replace('_', '-')}" for code in missing)
        return f"needs OCR: Tesseract has no language {'+'.join(missing)} (install {packages})"
    return ""


@lru_cache(maxsize=4)
def _tesseract_languages(search_path: str) -> frozenset[str] | None:
    """Languages the Tesseract found on `search_path` knows, or None when there is none."""
    binary = shutil.which("tesseract", path=search_path)
    if binary is None:
        return None
    try:
        listed = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = (listed.stdout + listed.stderr).splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and " " not in line.strip())


def recognise_pages(
    data: bytes, pages: list[int], settings: LoadingSettings, source: str, force: bool = False
) -> OcrResult:
    """OCR the pages `pages` (physical, 1-based) of the PDF `data`; `source` names it in logs.

    With `force`, pages in `pages` that have text are OCR'd too (`--force-ocr`: a scan whose
    only text is a stamp, see `corpus.loading.scans`); without it `--skip-text` leaves them.
    Pages outside `pages` are never OCR'd either way. Never raises for a file: a missing
    tool, a timeout or a failure comes back as `problem` (with whatever pages were not read
    left out of `texts`).
    """
    if not pages:
        return OcrResult()
    problem = missing_requirement(settings.ocr_language)
    if problem:
        return OcrResult(problem=problem)
    with tempfile.TemporaryDirectory(prefix="corpus-ocr-") as folder:
        work = Path(folder)
        (work / "input.pdf").write_bytes(data)
        sidecar = work / "text.txt"
        command = [
            sys.executable,
            "-m",
            "ocrmypdf",
            "--output-type",
            "none",
            "--sidecar",
            str(sidecar),
            "--pages",
            page_ranges(pages),
            "--force-ocr" if force else "--skip-text",
            "--rasterizer",
            "pypdfium",
            "--language",
            settings.ocr_language,
            "--jobs",
            "1",
            "--tesseract-timeout",
            f"{settings.ocr_timeout_s:g}",
            "--quiet",
            str(work / "input.pdf"),
            "-",
        ]
        failure = _run(command, settings.ocr_timeout_s, work)
        if failure:
            log.warning("%s: OCR failed (%s)", source, failure)
            return OcrResult(problem=f"needs OCR: {failure}")
        try:
            text = sidecar.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            return OcrResult(problem=f"needs OCR: OCRmyPDF wrote no text ({exc.strerror})")
    wanted = set(pages)
    return OcrResult(texts={n: t for n, t in parse_sidecar(text).items() if n in wanted})


def _run(command: list[str], timeout: float, work: Path) -> str:
    """Run OCRmyPDF; '' when it succeeded, else why not (the whole process group dies on timeout)."""
    environment = os.environ | {"OMP_THREAD_LIMIT": "1", "TMPDIR": str(work)}
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=environment,
            start_new_session=True,
        )
    except OSError as exc:
        return f"cannot start OCRmyPDF ({exc.strerror})"
    try:
        _, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(process)
        return f"OCR took longer than {timeout:g} s (loading.ocr_timeout_s)"
    except BaseException:
        _kill_group(process)
        raise
    if process.returncode == 0:
        return ""
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    said = "; ".join(lines[-_STDERR_LINES:])[:300] or "no message"
    return f"OCRmyPDF failed with exit status {process.returncode} ({said})"


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """End OCRmyPDF and the Tesseract processes it started (they share its session)."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        process.kill()
    process.communicate()


def parse_sidecar(text: str) -> dict[int, str]:
    """OCRmyPDF's sidecar (pages separated by form feeds, skipped runs as one marker) by page number."""
    texts: dict[int, str] = {}
    number = 1
    for part in text.split("\f"):
        skipped = _SKIPPED.fullmatch(part.strip())
        if skipped:
            number = int(skipped.group(2) or skipped.group(1)) + 1
            continue
        texts[number] = part.strip("\n")
        number += 1
    return texts
