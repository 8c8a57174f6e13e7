#!/usr/bin/env bash
# Runs inside `dev/stack.ts run --profile region`: two gateways behind nginx, one
# PostgreSQL, the shared cache. DRIM_STACK_FILE points at that stack.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
npx vitest run --project region || status=1
npx playwright test || status=1
exit $status
