#!/usr/bin/env bash
# Create .venv and install the project (with --dev: test and lint tools too).
# torch 2.13.0 goes first: its CPU build is on disk here, and letting pip pick torch
# for sentence-transformers would pull several GB of CUDA wheels.
set -euo pipefail
cd "$(dirname "$0")/.."
# Programs the loaders run: Tesseract for OCR of scanned PDFs (loading.ocr = "auto") and
# antiword for Word 97-2003 (.doc) files. Installed where we can (root with apt);
# elsewhere install them with your package manager (the note says which).
missing=()
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr tesseract-ocr-eng)
command -v antiword >/dev/null 2>&1 || missing+=(antiword)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null) \
      || echo "warning: could not install ${missing[*]}; scanned PDFs will be reported 'needs OCR' and .doc files unsupported" >&2
  else
    echo "note: install ${missing[*]} (OCR of scanned PDFs; Word 97-2003 .doc files)" >&2
  fi
fi
python=$(command -v python3.11 || command -v python3)
[ -x .venv/bin/python ] || "$python" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -c 'import torch, sys; sys.exit(not torch.__version__.startswith("2.13.0"))' 2>/dev/null \
  || .venv/bin/python -m pip install -q torch==2.13.0
if [ "${1:-}" = "--dev" ]; then
  .venv/bin/python -m pip install -q -e ".[dev]"
else
  .venv/bin/python -m pip install -q -e .
fi
# Byte-compile the project: an editable install imports it from this tree, and where
# PYTHONDONTWRITEBYTECODE is set, every `corpus` command and each of its parsing workers
# would otherwise compile it again (~0.7 s of CPU per process). Python still recompiles,
# in memory, any module edited since.
.venv/bin/python -m compileall -q corpus corpus_cli corpus_core flows indexing search_api evaluation >/dev/null
