-- Dollar-quoted bodies: plain, tagged, nested with different tags, and $n parameters that are not quotes.
CREATE TABLE items (id integer PRIMARY KEY, label text, "price$" numeric);

CREATE FUNCTION plain_body() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    RETURN 'a;b'; -- a semicolon in a string in a body
END;
$$;

CREATE FUNCTION tagged_body(n integer) RETURNS text LANGUAGE plpgsql AS $body$
DECLARE
    inner_sql text := $inner$SELECT 'x;y' -- not a comment here; $not_the_end$ either
        /* nor this */ $inner$;
BEGIN
    EXECUTE $q$SELECT $$dollar$$ || ';'$q$;
    RETURN inner_sql || n::text;
END;
$body$;

CREATE FUNCTION add_one(integer) RETURNS integer LANGUAGE sql AS 'SELECT $1 + 1';
CREATE FUNCTION add_two(a integer) RETURNS integer LANGUAGE sql AS $fn$SELECT $1 + 2$fn$;
PREPARE by_id(integer) AS SELECT * FROM items WHERE id = $1;
EXECUTE by_id(1);
DEALLOCATE by_id;

SELECT "price$", label AS a$b$c FROM items;
SELECT $_$;$_$ AS semicolon, $$ $a$ $$ AS half_tag, $Ω$unicode tag;$Ω$ AS unicode;
DO $do$
DECLARE
    i integer;
BEGIN
    FOR i IN 1..3 LOOP
        INSERT INTO items VALUES (i, format('item %s;', i), i * 1.5);
    END LOOP;
    IF (SELECT count(*) FROM items) <> 3 THEN
        RAISE EXCEPTION 'expected 3 items;';
    END IF;
END
$do$;
DO $$ BEGIN PERFORM 1; END $$ LANGUAGE plpgsql;
