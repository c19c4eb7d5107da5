package ai.crawbl.migrations.lint;

import java.util.List;

/**
 * {@code view-change}: a materialized view that exists (created by an earlier statement) changes only through
 * {@code ALTER TABLE view MODIFY QUERY}. Dropping and re-creating it loses the rows inserted in between; any other
 * ALTER, a RENAME or a CREATE OR REPLACE breaks it; and CREATE ... IF NOT EXISTS with a new query silently does
 * nothing.
 */
final class ChViewChanges implements ChCheck {

    static final Rule VIEW_CHANGE = Rule.error("view-change",
            "a materialized view sees only rows inserted while it exists: re-creating it loses the rows in between, and IF NOT EXISTS with a new query changes nothing",
            "change the view's query with ALTER TABLE <view> MODIFY QUERY SELECT ...");

    @Override
    public List<Rule> rules() {
        return List.of(VIEW_CHANGE);
    }

    @Override
    public void check(ChStatement s) {
        StatementTokens t = s.tokens();
        int kindAt = s.kindAt();
        int nameAt = s.nameAt(kindAt);
        String name = s.nameAtIndex(nameAt);
        if (name.isEmpty() || !s.views().contains(name)) {
            return;
        }
        switch (t.word(0)) {
            case "DROP" -> s.report(VIEW_CHANGE, 0, "dropping materialized view " + name + " loses the rows inserted"
                    + " until it is back: change it with ALTER TABLE " + name + " MODIFY QUERY");
            case "ALTER" -> {
                int action = t.isSymbol(nameAt + 1, ".") ? nameAt + 3 : nameAt + 1;
                if (!t.is(action, "MODIFY", "QUERY")) {
                    s.report(VIEW_CHANGE, action, "materialized view " + name + " changes only through MODIFY QUERY");
                }
            }
            case "CREATE" -> s.report(VIEW_CHANGE, kindAt, "materialized view " + name + " already exists: this "
                    + (t.is(1, "OR", "REPLACE") ? "replaces it, losing rows inserted meanwhile" : "does nothing")
                    + "; change its query with ALTER TABLE " + name + " MODIFY QUERY");
            case "RENAME" -> s.report(VIEW_CHANGE, 0, "renaming materialized view " + name + " breaks what reads it");
            default -> {
            }
        }
    }
}
