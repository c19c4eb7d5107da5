-- Quoted identifiers that contain what would otherwise end or comment out a statement.
CREATE TABLE "odd;table" ("semi;colon" integer, "dash--dash" text, "quote""inside" text, "/*star*/" text);
INSERT INTO "odd;table" VALUES (1, '--', '"', '*/');
SELECT "semi;colon", "dash--dash" AS "alias;--", "quote""inside" FROM "odd;table";
SELECT U&"d\0061t\+000061" AS "x;" FROM (SELECT 1 AS data) AS "sub""query;";
ALTER TABLE "odd;table" RENAME COLUMN "/*star*/" TO "end";
SELECT "end", "begin" FROM (SELECT 'e' AS "end", 'b' AS "begin") AS t;
