-- SQL-standard function bodies (PostgreSQL 14+): semicolons inside BEGIN ATOMIC ... END do not end the statement.
CREATE TABLE ledger (id integer, amount numeric, note text);

CREATE FUNCTION ledger_total() RETURNS numeric
LANGUAGE sql
BEGIN ATOMIC
    SELECT coalesce(sum(amount), 0) FROM ledger;
END;

CREATE OR REPLACE FUNCTION classify(v numeric) RETURNS text
LANGUAGE sql
BEGIN ATOMIC
    SELECT CASE
        WHEN v < 0 THEN 'negative;'
        WHEN v = 0 THEN CASE WHEN v IS NULL THEN 'unknown' ELSE 'zero' END
        ELSE 'positive'
    END;
END;

CREATE PROCEDURE add_entry(a numeric)
LANGUAGE sql
BEGIN ATOMIC
    INSERT INTO ledger VALUES (1, a, 'first; entry');
    INSERT INTO ledger VALUES (2, a * 2, CASE WHEN a > 0 THEN 'credit' ELSE 'debit' END);
    UPDATE ledger SET note = note || ' -- checked' WHERE id = 1;
END;

create or replace procedure lower_case_atomic()
language sql
begin atomic
  delete from ledger where amount is null;
  select 1;
end;

-- RETURN form, with CASE ... END outside any BEGIN: not counted.
CREATE FUNCTION sign_of(v numeric) RETURNS integer LANGUAGE sql
RETURN CASE WHEN v < 0 THEN -1 WHEN v > 0 THEN 1 ELSE 0 END;

-- A plain transaction: BEGIN and END here are statements of their own.
BEGIN;
CALL add_entry(10);
SELECT ledger_total(), classify(-1), sign_of(5);
END;
START TRANSACTION;
SELECT CASE WHEN true THEN 'case outside a routine' END;
COMMIT;
