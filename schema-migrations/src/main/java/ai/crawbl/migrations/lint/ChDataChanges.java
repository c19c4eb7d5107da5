package ai.crawbl.migrations.lint;

import java.util.List;

/**
 * ClickHouse statements that move data in ways a migration should not: {@code mutation} (ALTER TABLE ... UPDATE or
 * DELETE, lightweight DELETE FROM and UPDATE rewrite whole parts in the background, long after the migration says it
 * is done), {@code populate} (a materialized view created with POPULATE misses the rows inserted while it fills) and
 * {@code insert-values} (chDB reads the process's standard input as the data of an INSERT with an input format).
 */
final class ChDataChanges implements ChCheck {

    static final Rule MUTATION = Rule.error("mutation",
            "ALTER ... UPDATE/DELETE is a mutation: it rewrites every affected part asynchronously, after the migration reports success, and cannot be rolled back",
            "write the change as a new table or column filled by INSERT ... SELECT, or run the mutation as an operation outside migrations");
    static final Rule POPULATE = Rule.error("populate",
            "POPULATE fills the view from the source table while inserts go on: rows inserted during it are lost or counted twice",
            "create the view without POPULATE (TO a target table), then backfill with INSERT INTO target SELECT ... WHERE time < the view's start");
    static final Rule INSERT_VALUES = Rule.error("insert-values",
            "embedded ClickHouse (chDB) reads the host's standard input as data for an INSERT with an input format, so VALUES fails or takes stray rows",
            "write INSERT INTO t SELECT ..., as the migration guide says");

    @Override
    public List<Rule> rules() {
        return List.of(MUTATION, POPULATE, INSERT_VALUES);
    }

    @Override
    public void check(ChStatement s) {
        StatementTokens t = s.tokens();
        switch (t.word(0)) {
            case "ALTER" -> {
                for (int i = 2; i < t.size(); i++) {
                    if (t.depth(i) == 0 && (t.is(i, "UPDATE") || t.is(i, "DELETE", "WHERE"))) {
                        s.report(MUTATION, i, "ALTER ... " + t.word(i) + " is a mutation that rewrites parts in the"
                                + " background: fill a new table or column with INSERT ... SELECT instead");
                    }
                }
            }
            case "DELETE", "UPDATE" -> s.report(MUTATION, 0, "a lightweight " + t.word(0) + " in a migration marks or"
                    + " rewrites rows in the background: fill a new table with INSERT ... SELECT instead");
            case "CREATE" -> {
                int at = t.find(1, 0, "POPULATE");
                if (at >= 0) {
                    s.report(POPULATE, at, "POPULATE loses the rows inserted while the view fills: create it TO a"
                            + " table without POPULATE and backfill with INSERT ... SELECT");
                }
            }
            case "INSERT" -> {
                int at = t.find(1, 0, "VALUES");
                if (at < 0) {
                    at = t.find(1, 0, "FORMAT");
                }
                if (at >= 0) {
                    s.report(INSERT_VALUES, at, "INSERT ... " + t.word(at) + " reads data that embedded ClickHouse"
                            + " takes from standard input: write INSERT INTO ... SELECT");
                }
            }
            default -> {
            }
        }
    }
}
