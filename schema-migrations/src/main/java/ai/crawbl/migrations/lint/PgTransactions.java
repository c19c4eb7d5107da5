package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.sql.SqlScript;

import java.util.List;
import java.util.Set;

/**
 * How a statement fits the engine's transactions: {@code concurrently} (a CONCURRENTLY operation runs in a
 * {@code -- crawbl:no-transaction} migration) and {@code no-transaction} (such a migration holds one statement, and
 * the directive is spelled exactly, on line 1; the directive's placement is checked by the folder walk).
 */
final class PgTransactions implements PgCheck {

    static final Rule CONCURRENTLY = Rule.error("concurrently",
            "CONCURRENTLY cannot run inside a transaction block, and the engine runs every file in one unless told not to",
            "give the statement a migration of its own whose first line is `" + SqlScript.NO_TRANSACTION_DIRECTIVE + "`");
    static final Rule NO_TRANSACTION = Rule.error("no-transaction",
            "a file run outside a transaction cannot be rolled back: one statement per file keeps a failure resumable",
            "one statement per no-transaction file; the directive `" + SqlScript.NO_TRANSACTION_DIRECTIVE
                    + "` exactly, on line 1");

    private static final Set<String> TRANSACTION_BOUND = Set.of("CREATE", "DROP", "REINDEX", "ALTER");

    @Override
    public List<Rule> rules() {
        return List.of(CONCURRENTLY, NO_TRANSACTION);
    }

    @Override
    public void check(PgStatement s) {
        StatementTokens t = s.tokens();
        if (s.fileState().noTransaction()) {
            if (s.fileState().index() > 0) {
                s.report(NO_TRANSACTION, 0, "a `" + SqlScript.NO_TRANSACTION_DIRECTIVE + "` migration holds a single"
                        + " statement (nothing rolls it back): move this one to a migration of its own");
            }
            return;
        }
        if (!TRANSACTION_BOUND.contains(t.word(0))) {
            return;
        }
        int at = t.find(1, 0, "CONCURRENTLY");
        if (at < 0) {
            at = t.find(1, 1, "CONCURRENTLY"); // REINDEX (CONCURRENTLY) ...
        }
        if (at >= 0) {
            s.report(CONCURRENTLY, at, "CONCURRENTLY cannot run inside a transaction: give this statement a migration"
                    + " of its own whose first line is `" + SqlScript.NO_TRANSACTION_DIRECTIVE + "`");
        }
    }
}
