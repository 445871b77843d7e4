#!/usr/bin/env bash
# Set up (dev extras, Chromium for the browser test) and run every check:
# ruff lint, ruff format --check, mypy, then pytest. Extra arguments go to pytest.
# pytest's exit 5 ("no tests collected") counts as a failure.
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev || exit 1
if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
    || echo "warning: could not install chromium; the browser test will be skipped" >&2
fi
if [ -z "${PREFECT_HOME:-}" ]; then
  PREFECT_HOME="$(mktemp -d)"
  trap 'rm -rf "$PREFECT_HOME"' EXIT
fi
export PREFECT_HOME
.venv/bin/ruff check . || exit 1
.venv/bin/ruff format --check . || exit 1
.venv/bin/mypy || exit 1
.venv/bin/python -m pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing" >&2
  exit 1
fi
exit "$status"
