#!/usr/bin/env bash
# `npm run demo`: installs what is missing, then starts the whole local region and the
# viewer at http://localhost:${PORT:-8080} until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
exec node --import tsx dev/stack.ts start --profile demo "$@"
