-- CREATE RULE with several actions in parentheses: psql does not split inside parentheses.
CREATE TABLE accounts (id integer PRIMARY KEY, balance numeric);
CREATE TABLE account_log (account_id integer, what text);
CREATE RULE log_insert AS ON INSERT TO accounts DO ALSO (
    INSERT INTO account_log VALUES (NEW.id, 'insert; one');
    INSERT INTO account_log VALUES (NEW.id, 'insert; two')
);
CREATE RULE log_delete AS ON DELETE TO accounts DO ALSO (INSERT INTO account_log VALUES (OLD.id, 'gone'); NOTIFY accounts_changed);
INSERT INTO accounts VALUES (1, 10), (2, (SELECT 20));
DELETE FROM accounts WHERE id IN (SELECT 2);
SELECT count(*) FROM account_log WHERE what IN ('insert; one', 'gone');
