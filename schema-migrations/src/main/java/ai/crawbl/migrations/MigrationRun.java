package ai.crawbl.migrations;

import ai.crawbl.migrations.MigrationTarget.StatementError;
import ai.crawbl.migrations.plan.AppliedMigration;
import ai.crawbl.migrations.source.Migration;
import ai.crawbl.migrations.sql.Statement;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One run of one migration against a target: the history's state machine, kept here once for every target. A
 * transactional migration on a target with transactions runs with its {@code SUCCEEDED} row in one transaction,
 * retried as a whole; any other runs statement by statement, its row going {@code RUNNING} (with the count of
 * completed statements after each) to {@code FAILED} or {@code SUCCEEDED}. Statements that hit a retryable error
 * (a lock timeout) run again after a backoff, up to the target's {@link MigrationTarget#retries()}.
 */
final class MigrationRun {

    private final MigrationTarget target;
    private final Migration migration;
    private final List<Statement> statements;

    MigrationRun(MigrationTarget target, Migration migration, List<Statement> statements) {
        this.target = target;
        this.migration = migration;
        this.statements = List.copyOf(statements);
    }

    /**
     * Applies the migration from statement {@code from}; {@code resuming} when an earlier run left a history row, so
     * the statement it stopped at may be half done.
     *
     * @throws StatementFailure when a statement fails, saying what state the target was left in
     */
    void apply(int from, boolean resuming) {
        if (migration.transactional() && target.transactional()) {
            applyInTransaction();
        } else {
            applyStatementByStatement(from, resuming);
        }
    }

    private void applyInTransaction() {
        for (int attempt = 0; ; attempt++) {
            long started = System.nanoTime();
            try {
                target.runInTransaction(statements, () -> AppliedMigration.succeeded(migration, statements.size(), elapsed(started)));
                return;
            } catch (StatementError e) {
                if (e.retryable() && attempt < target.retries()) {
                    backOff(attempt);
                    continue;
                }
                throw failure(e, "The migration was rolled back: the database is as it was before it.");
            }
        }
    }

    private void applyStatementByStatement(int from, boolean resuming) {
        long started = System.nanoTime();
        target.record(AppliedMigration.running(migration, from));
        for (int index = from; index < statements.size(); index++) {
            Statement statement = statements.get(index);
            try {
                runWithRetries(statement, resuming && index == from);
            } catch (StatementError e) {
                target.record(AppliedMigration.failed(migration, index, elapsed(started)));
                throw failure(e, index + " of " + statements.size() + " statement(s) completed and stay applied (this migration"
                        + " runs without a transaction); the migration is recorded as failed at statement " + (index + 1) + "."
                        + target.leftovers(statements).map(left -> " " + left).orElse("") + " " + nextStep(index));
            }
            target.record(AppliedMigration.running(migration, index + 1));
        }
        Optional<String> leftovers = target.leftovers(statements);
        if (leftovers.isPresent()) {
            target.record(AppliedMigration.failed(migration, statements.size(), elapsed(started)));
            throw new MigrationException(migration.script() + ": every statement completed. " + leftovers.get()
                    + " The migration is recorded as failed; fix the cause, run 'repair', then migrate again.");
        }
        target.record(AppliedMigration.succeeded(migration, statements.size(), elapsed(started)));
    }

    private String nextStep(int index) {
        return target.resumesFailedMigrations()
                ? "Fix the cause and migrate again: it resumes at statement " + (index + 1) + ". A file edited since does not"
                  + " resume: after editing it, run 'repair', and the next migrate runs it from its start."
                : "Fix the cause, run 'repair', then migrate again.";
    }

    /** Runs {@code statement}, cleaning up first what an earlier attempt left when it ran before ({@code rerun}). */
    private void runWithRetries(Statement statement, boolean rerun) throws StatementError {
        for (int attempt = 0; ; attempt++) {
            try {
                if (rerun || attempt > 0) {
                    target.beforeRerun(statement);
                }
                target.run(statement);
                return;
            } catch (StatementError e) {
                if (!e.retryable() || attempt >= target.retries()) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    private StatementFailure failure(StatementError e, String aftermath) {
        return new StatementFailure(migration, e.statement(), e.position(), e.code(), e.getMessage(), aftermath, e);
    }

    /** Exponential backoff with jitter: 200 ms, 400 ms, ... at most 5 s. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(200L << Math.min(attempt, 10), 5_000L) + ThreadLocalRandom.current().nextInt(100));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException("interrupted while waiting to retry");
        }
    }

    private static long elapsed(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
