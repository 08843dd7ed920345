#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image.
# It installs lstm-judge from the copy of the repository in the bundle
# (lstm-judge/, see README "Gradescope") with that copy's own setup.sh:
# bubblewrap, a .venv with the CPU build of torch, and the judge.
# Python 3.11 or newer is needed: choose Gradescope's Ubuntu 24.04 base image
# (Python 3.12), or set PYTHON=python3.11 below after installing one.
set -euo pipefail
ROOT="${AUTOGRADER_ROOT:-/autograder}"
SOURCE="$ROOT/source"

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  (apt-get update -qq && apt-get install -y -qq python3 python3-venv bubblewrap >/dev/null) \
    || echo "setup.sh: apt-get failed; going on with what the image has" >&2
fi
"$SOURCE/lstm-judge/setup.sh"
# The grader's key (if the bundle has one) is for the judge alone.
if [ -f "$SOURCE/grader.key" ]; then
  chmod 600 "$SOURCE/grader.key"
fi
# Which isolation layers this image allows (shown in the build log); the judge
# uses the strongest that works and records it in every result.
"$SOURCE/lstm-judge/.venv/bin/lstm-judge" doctor \
  || echo "setup.sh: some isolation layers are missing in this image (see above)" >&2
