#!/usr/bin/env bash
# The web UI's tests on a fresh Debian 12 machine (tests/run.sh calls this):
#   1. installs Debian's chromium if missing (browsers are never downloaded by npm here),
#   2. `npm ci` in ui/ from the committed lock file,
#   3. Vitest unit tests (`npm test`),
#   4. builds the UI into ui/dist and the CLI (`cargo build -p agendapack`),
#   5. the browser end-to-end tests against the real `agendapack serve` and a real SQLite file
#      (a11y.e2e.mjs runs axe-core, pinned in ui/package.json, on every screen).
# Every wait inside the e2e test is polled and time-bounded; the test always stops its server.
set -euo pipefail
cd "$(dirname "$0")/.."

source tests/lib/packages.sh
[ -x /usr/bin/chromium ] || ensure_packages tests/ui.sh chromium chromium-driver
command -v node >/dev/null || { echo "tests/ui.sh: Node.js 20 or later is needed (node not found)" >&2; exit 1; }

(
  cd ui
  # Reinstall only when the lock file changed since the last install.
  if [ ! -f node_modules/.package-lock.json ] || ! cmp -s package-lock.json node_modules/.ui-sh-lock; then
    npm ci --no-audit --no-fund
    cp package-lock.json node_modules/.ui-sh-lock
  fi
  npm test
  npm run build
)

cargo build -p agendapack --locked
timeout 600 node tests/e2e/agenda.e2e.mjs
timeout 600 node tests/e2e/minutes.e2e.mjs
timeout 600 node tests/e2e/deadlines.e2e.mjs
timeout 600 node tests/e2e/programme.e2e.mjs
timeout 600 node tests/e2e/audit.e2e.mjs
timeout 600 node tests/e2e/private.e2e.mjs
timeout 600 node tests/e2e/report.e2e.mjs
timeout 600 node tests/e2e/committees.e2e.mjs
timeout 600 node tests/e2e/a11y.e2e.mjs
timeout 600 node tests/e2e/word.e2e.mjs
timeout 600 node tests/e2e/paste.e2e.mjs
timeout 600 node tests/e2e/team.e2e.mjs
timeout 600 node tests/e2e/accounts.e2e.mjs
timeout 600 node tests/e2e/oidc.e2e.mjs
timeout 600 node tests/e2e/team_work.e2e.mjs
timeout 600 node tests/e2e/clearance.e2e.mjs
