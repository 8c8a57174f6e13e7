#!/usr/bin/env bash
# `npm test`: every check, in the order that fails fastest — static checks, unit tests,
# then integration and end-to-end tests against a real local stack (profile `test`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh

echo "== typecheck"; npm run --silent typecheck
echo "== lint"; npm run --silent lint
echo "== unit tests"; npx vitest run --project unit
echo "== integration and end-to-end tests (local stack, profile test)"
node --import tsx dev/stack.ts run --profile test ${DRIM_TEST_PORT:+--port "$DRIM_TEST_PORT"} -- bash scripts/test-with-stack.sh
echo "== region tests (local stack, profile region: 2 gateways, nginx, PostgreSQL)"
node --import tsx dev/stack.ts run --profile region --cache-max-mb 8 ${DRIM_REGION_PORT:+--port "$DRIM_REGION_PORT"} -- bash scripts/test-region.sh
