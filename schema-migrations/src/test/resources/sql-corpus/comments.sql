/* A leading block comment; with a semicolon */
-- and a line comment; too
CREATE TABLE memo (id integer /* inline; comment */, txt text); -- trailing; comment
/* nested /* comments /* three deep; */ still ' in a comment */ and " here ; */
INSERT INTO memo VALUES (1, 'one');
SELECT id -- a comment inside the statement; with a semicolon
     , txt /* and a block one; 'with a quote */
FROM memo;
SELECT 2 /* comment right before the semicolon */ ;
SELECT 3 -- a line comment before the semicolon
;
SELECT 4; /* comment after, then a statement on the same line */ SELECT 5;
SELECT 6 - -1 AS double_negative, 7 --comment right after a value
  AS seven;
/*/ a comment that starts with slash-star-slash */
SELECT 8 */* multiplication then a comment */ 2;
-- A comment at the very end; with nothing after it
