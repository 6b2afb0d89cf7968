#!/bin/sh
# Starts an AgendaPack team server on the demo council with one account per role, for trying
# the team edition on one machine: https://127.0.0.1:8443 (or LISTEN=ADDR:PORT).
#
# The first run makes team-demo/council.db (or the file given as $1) with `init --demo` and
# adds five accounts with `user add`; later runs start the server on the same file. Every demo
# account's password is its name followed by "-demo-pass" (officer: officer-demo-pass). These
# are demonstration passwords written in a public file: never use this database for real work.
#
# Needs the built binary (cargo build -p agendapack; or AGENDAPACK_BIN=path) and, for the
# browser, the built UI (cd ui && npm ci && npm run build).
set -eu
cd "$(dirname "$0")/.."
BIN=${AGENDAPACK_BIN:-target/debug/agendapack}
DB=${1:-team-demo/council.db}
LISTEN=${LISTEN:-127.0.0.1:8443}
if [ ! -x "$BIN" ]; then
  cargo build -p agendapack
fi
if [ ! -f "$DB" ]; then
  mkdir -p "$(dirname "$DB")"
  "$BIN" --db "$DB" init --demo
  # name:role:full name
  for account in "admin:administrator:Demo Administrator" "officer:officer:Demo Officer" \
    "clerk:clerk:Demo Clerk" "author:author:Demo Author" "member:member:Demo Councillor" \
    "finance:author:Sandra Pillinger" "legal:author:Paul Feild"; do
    name=${account%%:*}
    rest=${account#*:}
    role=${rest%%:*}
    display=${rest#*:}
    printf '%s-demo-pass\n' "$name" | "$BIN" --db "$DB" user add "$name" --role "$role" --display "$display"
  done
  # The author writes the report of agenda item 4 of the demo meeting; the member sits on the
  # Overview and Scrutiny Committee (committee 1).
  "$BIN" --db "$DB" user own author --item 4
  "$BIN" --db "$DB" user committees member 1
  # The demo's reports are published (the meeting was in 2020); the author's goes back to a
  # draft so that they can edit it and submit it for clearance, through finance then legal.
  "$BIN" --db "$DB" report status --meeting 1 --item 4 draft
  "$BIN" --db "$DB" clearance job-title finance "Group Accountant"
  "$BIN" --db "$DB" clearance job-title legal "Senior Governance Solicitor"
  route=$(dirname "$DB")/route.json
  printf '%s\n' '[{"name": "Finance", "approvers": [{"account": "finance"}], "due_working_days": 14, "implications_heading": "Financial implications"},' \
    ' {"name": "Legal", "approvers": [{"account": "legal"}], "due_working_days": 10, "implications_heading": "Legal implications"}]' > "$route"
  "$BIN" --db "$DB" clearance route --committee 1 --file "$route"
  echo "Demo accounts: admin, officer, clerk, author, member, finance, legal; each password is NAME-demo-pass."
fi
exec "$BIN" --db "$DB" server --listen "$LISTEN"
