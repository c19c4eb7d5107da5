package ai.crawbl.migrations.lint;

import ai.crawbl.migrations.lint.PgDdl.AlterTable;
import ai.crawbl.migrations.lint.PgDdl.CreateIndex;
import ai.crawbl.migrations.lint.PgDdl.Drop;

import java.util.List;

/**
 * {@code lock-timeout}: when the engine runs without its lock timeout ({@code lock-timeout = off} in
 * {@code lint.properties}, i.e. {@code --lock-timeout 0}), a statement that takes an exclusive lock on an existing
 * table queues behind any long query and every later query queues behind it: the file must bound that wait itself.
 * With the engine's timeout on (the default) the engine bounds it and this rule says nothing.
 */
final class PgLockTimeout implements PgCheck {

    static final Rule LOCK_TIMEOUT = Rule.error("lock-timeout",
            "a statement waiting for an exclusive lock blocks every query behind it: without a lock timeout one long query stalls the application",
            "start the file with SET lock_timeout = '5s' (or run the engine with its --lock-timeout)");

    @Override
    public List<Rule> rules() {
        return List.of(LOCK_TIMEOUT);
    }

    @Override
    public void check(PgStatement s) {
        if (!s.settings().lockTimeoutOff() || s.fileState().boundsLockWait()) {
            return;
        }
        String table = switch (s.ddl()) {
            case AlterTable a when !s.isNew(a.table()) -> a.table().name();
            case CreateIndex c when !c.concurrently() && !s.isNew(c.table()) -> c.table().name();
            case Drop d when !d.concurrently() && !d.names().isEmpty() && !s.isNew(d.names().getFirst()) ->
                    d.names().getFirst().name();
            default -> null;
        };
        if (table != null) {
            s.report(LOCK_TIMEOUT, 0, "this statement waits for an exclusive lock on " + table + " with no bound (the"
                    + " engine's lock timeout is off): SET lock_timeout earlier in the file");
        }
    }
}
