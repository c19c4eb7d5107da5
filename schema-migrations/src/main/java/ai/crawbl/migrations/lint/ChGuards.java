package ai.crawbl.migrations.lint;

import java.util.List;
import java.util.Set;

/**
 * {@code guard} for ClickHouse: IF NOT EXISTS on CREATE TABLE, [MATERIALIZED|LIVE|WINDOW] VIEW, DATABASE and
 * DICTIONARY (CREATE OR REPLACE VIEW and DICTIONARY are guarded too), IF EXISTS on every DROP, and IF [NOT] EXISTS on
 * ALTER TABLE's ADD/DROP of a column, index, projection or constraint. ClickHouse has no transactions: a failed
 * migration resumes at its failed statement, and a repaired one runs again from its start, so every statement must
 * be safe to run twice.
 */
final class ChGuards implements ChCheck {

    static final Rule GUARD = Rule.error("guard",
            "ClickHouse has no transactions: a resumed or repaired migration runs statements again, and an unguarded one fails",
            "write IF NOT EXISTS on CREATE and ADD, IF EXISTS on DROP");

    private static final Set<String> GUARDED_CREATE = Set.of("TABLE", "VIEW", "MATERIALIZED VIEW", "LIVE VIEW",
            "WINDOW VIEW", "DATABASE", "DICTIONARY");
    private static final Set<String> REPLACEABLE = Set.of("VIEW", "DICTIONARY");
    private static final Set<String> VIEW_PREFIXES = Set.of("MATERIALIZED", "LIVE", "WINDOW");
    private static final Set<String> ALTERED_PARTS = Set.of("COLUMN", "INDEX", "PROJECTION", "CONSTRAINT");

    @Override
    public List<Rule> rules() {
        return List.of(GUARD);
    }

    @Override
    public void check(ChStatement s) {
        StatementTokens t = s.tokens();
        switch (t.word(0)) {
            case "CREATE" -> create(s, t);
            case "DROP" -> {
                int guard = t.find(1, 0, "IF", "EXISTS");
                if (guard < 0 || guard > 3) {
                    s.report(GUARD, 1, "not idempotent: write DROP " + t.word(1) + " IF EXISTS");
                }
            }
            case "ALTER" -> alter(s, t);
            default -> {
            }
        }
    }

    private static void create(ChStatement s, StatementTokens t) {
        int kindAt = 1;
        boolean orReplace = t.is(kindAt, "OR", "REPLACE");
        if (orReplace) {
            kindAt += 2;
        }
        if (t.is(kindAt, "TEMPORARY")) {
            kindAt++;
        }
        boolean twoWords = VIEW_PREFIXES.contains(t.word(kindAt)) && t.is(kindAt + 1, "VIEW");
        String kind = twoWords ? t.word(kindAt) + " VIEW" : t.word(kindAt);
        int i = kindAt + (twoWords ? 2 : 1);
        if (GUARDED_CREATE.contains(kind) && !t.is(i, "IF", "NOT", "EXISTS")
                && !(orReplace && REPLACEABLE.contains(kind))) {
            s.report(GUARD, kindAt, "not idempotent: write CREATE " + kind + " IF NOT EXISTS");
        }
    }

    private static void alter(ChStatement s, StatementTokens t) {
        for (int i = 1; i < t.size(); i++) {
            if (t.depth(i) != 0 || !ALTERED_PARTS.contains(t.word(i + 1))) {
                continue;
            }
            if (t.is(i, "ADD") && !t.is(i + 2, "IF", "NOT", "EXISTS")) {
                s.report(GUARD, i, "not idempotent: write ADD " + t.word(i + 1) + " IF NOT EXISTS");
            } else if (t.is(i, "DROP") && !t.is(i + 2, "IF", "EXISTS")) {
                s.report(GUARD, i, "not idempotent: write DROP " + t.word(i + 1) + " IF EXISTS");
            }
        }
    }
}
