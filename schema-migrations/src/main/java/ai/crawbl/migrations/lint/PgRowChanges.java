package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.lint.PgDdl.RowChange;

import java.util.List;

/**
 * {@code whole-table-change}: an UPDATE or DELETE without WHERE on an existing table touches every row in one
 * transaction, holding their row locks and bloating the table until it ends.
 */
final class PgRowChanges implements PgCheck {

    static final Rule WHOLE_TABLE_CHANGE = Rule.error("whole-table-change",
            "UPDATE/DELETE without WHERE changes every row in one transaction: every row stays locked and the table bloats until it commits",
            "restrict it with a WHERE that also makes it idempotent (e.g. WHERE col IS NULL), and batch large backfills");

    @Override
    public List<Rule> rules() {
        return List.of(WHOLE_TABLE_CHANGE);
    }

    @Override
    public void check(PgStatement s) {
        if (s.ddl() instanceof RowChange r && !r.where() && !s.isNew(r.table())) {
            s.report(WHOLE_TABLE_CHANGE, 0, r.verb() + " without WHERE changes every row of " + r.table().name()
                    + " in one transaction: add a WHERE (which also makes a second run a no-op)");
        }
    }
}
