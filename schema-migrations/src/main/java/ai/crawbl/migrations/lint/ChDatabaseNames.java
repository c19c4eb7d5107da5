package ai.crawbl.migrations.lint;

import java.util.List;
import java.util.Set;

/**
 * {@code database-name}: a table name written {@code db.table} where the engine decides the database ({@code
 * --database}, the embedded default, each cluster's own): the statement then reads or writes another database than
 * the one being migrated, or one that does not exist there.
 */
final class ChDatabaseNames implements ChCheck {

    static final Rule DATABASE_NAME = Rule.error("database-name",
            "the engine picks the database (--database, embedded, per cluster); a database written into the file points elsewhere or nowhere",
            "write the bare table name");

    private static final Set<String> BEFORE_TABLE = Set.of("TABLE", "VIEW", "DICTIONARY", "FROM", "JOIN", "INTO",
            "TO", "EXISTS");

    @Override
    public List<Rule> rules() {
        return List.of(DATABASE_NAME);
    }

    @Override
    public void check(ChStatement s) {
        StatementTokens t = s.tokens();
        for (int i = 1; i + 2 < t.size(); i++) {
            if (t.isAny(i - 1, BEFORE_TABLE) && t.isName(i) && t.isSymbol(i + 1, ".") && t.isName(i + 2)) {
                s.report(DATABASE_NAME, i, t.identifier(i) + "." + t.identifier(i + 2) + " names a database: write "
                        + t.identifier(i + 2) + " and let the engine choose the database");
            }
        }
    }
}
