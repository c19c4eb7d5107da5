-- Empty statements are dropped; the last statement has no semicolon.
;
SELECT 1;;
;  ; SELECT 2 ;
  SELECT
    3
    ,
    (4)

    ;
CREATE TABLE t (a integer DEFAULT (1 + (2 * 3)), b text CHECK (b <> ';'));
SELECT a FROM t
WHERE b = ';'
