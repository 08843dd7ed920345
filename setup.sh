#!/usr/bin/env bash
# Everything lstm-judge needs on a fresh machine, idempotent:
# bubblewrap (the namespace sandbox; the judge degrades without it), the CPU
# build of torch 2.13.0 (first, so that nothing pulls a multi-GB CUDA build),
# then the package itself, editable, with its test extras.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v bwrap >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && apt-get install -y -qq bubblewrap >/dev/null) \
      || echo "setup: bubblewrap could not be installed; the judge will use process isolation" >&2
  else
    echo "setup: bubblewrap (bwrap) is missing; install it for the namespace sandbox" >&2
  fi
fi
python -c 'import torch' >/dev/null 2>&1 || python -m pip install -q torch==2.13.0
python -m pip install -q -e '.[test]'
