-- The team edition (issue 18): accounts that sign in, and what ties an account to papers.
--
-- accounts: a sign-in name unique regardless of case (names are plain ASCII, see
-- agendapack_model::account::name_problem, so NOCASE is the whole rule), the full name the
-- audit trail shows, one role, an argon2id PHC string, and a disabled flag. Accounts are
-- disabled, never deleted: the audit trail names people, and a name must always lead to an
-- account (a trigger refuses deletes).
--
-- report_owners: which account authors the report of an agenda item. Keyed by the agenda item,
-- not the report row, because an officer commissions a report before it is written (the item
-- exists, its report does not yet) and because every API command names a report by its item.
-- One owner per report; set by an officer (`Store::report_owner_set`).
--
-- account_committees: the committees a member's account sits on (what they may see).
--
-- None of these travel in a meeting's interchange document (exchange/): accounts belong to a
-- server, not to a meeting.

CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display       TEXT NOT NULL DEFAULT '',
    role          TEXT NOT NULL CHECK (role IN ('administrator', 'officer', 'clerk', 'author', 'member')),
    password_hash TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    -- Set by the caller (the store never reads the clock in its queries).
    created_at    TEXT NOT NULL
) STRICT;

CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts
BEGIN SELECT RAISE(ABORT, 'accounts are disabled, never deleted'); END;

CREATE TABLE report_owners (
    agenda_item_id INTEGER PRIMARY KEY REFERENCES agenda_items (id) ON DELETE CASCADE,
    account_id     INTEGER NOT NULL REFERENCES accounts (id)
) STRICT;
CREATE INDEX report_owners_account ON report_owners (account_id);

CREATE TABLE account_committees (
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    committee_id INTEGER NOT NULL REFERENCES committees (id) ON DELETE CASCADE,
    PRIMARY KEY (account_id, committee_id)
) STRICT, WITHOUT ROWID;
