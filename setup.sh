#!/usr/bin/env bash
# Everything lstm-judge needs on a fresh machine, idempotent:
#   bubblewrap (the namespace sandbox; the judge degrades without it),
#   chromium and chromium-driver (only for the test suite: the browser test
#   of the cohort report, report.html; CI=true makes that test fail without them),
#   a virtual environment in .venv/ made from python3 (PEP 668: Debian's own
#   Python refuses a global pip install),
#   the CPU build of torch 2.13.0 (first, so that nothing pulls a CUDA build),
#   then the package itself, editable, with its test, dask and keras extras
#   (the Dask cluster runner of `batch --dask`, and Keras for the Keras
#   problems; CI tests both).
# Run it again at any time: what is there already is kept.
# PYTHON=/path/to/python3.11 ./setup.sh chooses the interpreter for .venv.
set -euo pipefail
cd "$(dirname "$0")"
say() { echo "setup: $*" >&2; }

TORCH=2.13.0
TORCH_CPU_INDEX=https://download.pytorch.org/whl/cpu
# An unreachable index fails in seconds, not after pip's default retries.
PIP_FAST=(--timeout 10 --retries 1)

if ! command -v bwrap >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && apt-get install -y -qq bubblewrap >/dev/null) \
      || say "bubblewrap could not be installed; the judge will use process isolation"
  else
    say "bubblewrap (bwrap) is missing; install it for the namespace sandbox"
  fi
fi

# The browser test of report.html (tests/reports/test_cohort_browser.py) drives
# Debian's Chromium through its WebDriver; fonts-liberation so that text renders
# on a machine without fonts.  Nothing else of the judge needs a browser.
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
        --no-install-recommends chromium chromium-driver fonts-liberation >/dev/null) \
      || say "chromium could not be installed; the browser test of report.html skips (fails in CI)"
  else
    say "chromium and chromium-driver are missing (as root: apt-get install chromium"
    say "chromium-driver); without them the browser test of report.html skips (fails in CI)"
  fi
fi

make_venv() {
  local python=${PYTHON:-python3}
  if ! command -v "$python" >/dev/null 2>&1; then
    say "no $python on PATH; install Python 3.11 or newer, or set PYTHON=/path/to/python3"
    exit 1
  fi
  if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    say "$("$python" -V 2>&1) is too old: lstm-judge needs Python 3.11 or newer (set PYTHON=...)"
    exit 1
  fi
  rm -rf .venv
  if ! "$python" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    # Debian and Ubuntu ship venv's pip bootstrap as a package of its own.
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null
    fi
    "$python" -m venv .venv || {
      say "could not create .venv with $python -m venv; on Debian or Ubuntu: apt-get install python3-venv"
      exit 1
    }
  fi
}

# Kept while its interpreter still runs (a venv outlives nothing if its Python
# was removed or upgraded).
.venv/bin/python -c '' 2>/dev/null || make_venv
pip() { .venv/bin/python -m pip "$@"; }

install_torch() {
  # 1. The CPU build from the indexes pip is configured with (a mirror, a
  #    wheel folder): on this machine, the wheel on disk.
  pip install -q "${PIP_FAST[@]}" "torch==$TORCH+cpu" 2>/dev/null && return
  # 2. PyTorch's own index of CPU wheels.
  say "no torch $TORCH+cpu in the configured indexes; trying $TORCH_CPU_INDEX"
  pip install -q "${PIP_FAST[@]}" --index-url "$TORCH_CPU_INDEX" "torch==$TORCH+cpu" 2>/dev/null \
    && return
  # 3. The plain pin: on Linux, PyPI's default build is the CUDA one.
  say "warning: no CPU build of torch $TORCH reachable; installing the default build, which on"
  say "Linux is the CUDA one: about 29 packages and several GB, none of which the judge uses"
  pip install -q "torch==$TORCH"
}

.venv/bin/python -c 'import torch' >/dev/null 2>&1 || install_torch
pip install -q -e '.[test,dask,keras]'
say "ready; for daily use: source .venv/bin/activate (then lstm-judge ...)"
