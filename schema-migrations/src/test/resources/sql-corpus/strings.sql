-- String literal forms and what they may contain.
CREATE TABLE notes (id integer, body text, bits bit varying(8), raw bytea);
INSERT INTO notes VALUES (1, 'it''s; fine', B'1010', '\x00');
INSERT INTO notes VALUES (2, E'escaped \' quote; and \\ backslash', X'FF', E'\\xDEADBEEF');
INSERT INTO notes VALUES (3, E'ends in a backslash \\', B'0', NULL);
INSERT INTO notes VALUES (4, U&'d\0061t\+000061 -- not a comment; really', NULL, NULL);
INSERT INTO notes VALUES (5, '/* not a comment */ -- nor this ;', NULL, NULL);
INSERT INTO notes VALUES (6, 'multi
line; string', NULL, NULL);
INSERT INTO notes VALUES (7, N'national; text', NULL, NULL);
INSERT INTO notes VALUES (8, 'backslash \ is literal here', NULL, NULL);
INSERT INTO notes VALUES (9, e'lower-case e \'prefix\'', NULL, NULL);
SELECT 'adjacent'
       'literals; continue across a newline', body FROM notes WHERE body <> '' AND body <> '''';
SELECT $$a 'quote' inside$$ || ''''; SELECT 'next on the same line';
