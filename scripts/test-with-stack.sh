#!/usr/bin/env bash
# Runs inside `dev/stack.ts run`: DRIM_STACK_FILE points at the running stack.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
npx vitest run --project integration || status=1
npx playwright test || status=1
npx vitest run --project log-check || status=1
exit $status
