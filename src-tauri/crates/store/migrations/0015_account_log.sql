-- The accounts' own trail (issue 18): who added, disabled, enabled, changed the role, full name
-- or job title of, set a password for, or seated on committees which account, and when. The
-- meetings' audit_log is about papers (its entity list is fixed by a CHECK); accounts belong to
-- the server, so they keep a trail of their own, written the same way: by triggers, so every
-- writer is caught (the screen, the `user` command line, a repair tool), with who and when from
-- agendapack_user() and agendapack_now() (crate::audit; on the team server the signed-in
-- person's full name, on the command line the operating-system user).
--
-- Append-only, like audit_log. A password is never in it: only that one was set.
-- account_committees is rewritten by Store::account_committees_set as a difference (only
-- committees joined or left change), so each line is a real change.

CREATE TABLE account_log (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    user_name  TEXT NOT NULL,
    account_id INTEGER NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('add', 'disable', 'enable', 'role', 'password', 'details', 'committees')),
    summary    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX account_log_account ON account_log (account_id, id);

CREATE TRIGGER account_log_no_update BEFORE UPDATE ON account_log
BEGIN SELECT RAISE(ABORT, 'the accounts'' trail cannot be changed'); END;
CREATE TRIGGER account_log_no_delete BEFORE DELETE ON account_log
BEGIN SELECT RAISE(ABORT, 'the accounts'' trail cannot be changed'); END;

CREATE TRIGGER account_log_add AFTER INSERT ON accounts
BEGIN
    INSERT INTO account_log (at, user_name, account_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), NEW.id, 'add', NEW.name || ' added as ' || NEW.role);
END;

CREATE TRIGGER account_log_disabled AFTER UPDATE OF disabled ON accounts WHEN NEW.disabled <> OLD.disabled
BEGIN
    INSERT INTO account_log (at, user_name, account_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), NEW.id, CASE NEW.disabled WHEN 1 THEN 'disable' ELSE 'enable' END,
            NEW.name || CASE NEW.disabled WHEN 1 THEN ' disabled' ELSE ' enabled' END);
END;

CREATE TRIGGER account_log_role AFTER UPDATE OF role ON accounts WHEN NEW.role <> OLD.role
BEGIN
    INSERT INTO account_log (at, user_name, account_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), NEW.id, 'role', 'role ' || OLD.role || ' to ' || NEW.role);
END;

CREATE TRIGGER account_log_password AFTER UPDATE OF password_hash ON accounts WHEN NEW.password_hash <> OLD.password_hash
BEGIN
    INSERT INTO account_log (at, user_name, account_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), NEW.id, 'password', 'new password');
END;

CREATE TRIGGER account_log_details AFTER UPDATE OF display, job_title ON accounts
    WHEN NEW.display <> OLD.display OR NEW.job_title <> OLD.job_title
BEGIN
    INSERT INTO account_log (at, user_name, account_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), NEW.id, 'details',
            trim(CASE WHEN NEW.display <> OLD.display THEN 'full name "' || NEW.display || '" ' ELSE '' END
              || CASE WHEN NEW.job_title <> OLD.job_title THEN 'job title "' || NEW.job_title || '"' ELSE '' END));
END;

CREATE TRIGGER account_log_seated AFTER INSERT ON account_committees
BEGIN
    INSERT INTO account_log (at, user_name, account_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), NEW.account_id, 'committees',
            'joined ' || coalesce((SELECT name FROM committees WHERE id = NEW.committee_id), 'committee ' || NEW.committee_id));
END;

CREATE TRIGGER account_log_unseated AFTER DELETE ON account_committees
BEGIN
    INSERT INTO account_log (at, user_name, account_id, action, summary)
    VALUES (agendapack_now(), agendapack_user(), OLD.account_id, 'committees',
            'left ' || coalesce((SELECT name FROM committees WHERE id = OLD.committee_id), 'committee ' || OLD.committee_id));
END;
