package ai.crawbl.migrations;

import ai.crawbl.migrations.plan.AppliedMigration;
import ai.crawbl.migrations.source.Migration;
import ai.crawbl.migrations.sql.Statement;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A database that migrations are applied to (the golang-migrate "driver"): a lock, a way to run statements (in a
 * transaction where the database has them) and a small history store. It owns no state machine: the engine
 * ({@link Migrator}) decides what runs, records each run's begin, progress, failure and success through
 * {@link #record}, retries and resumes.
 */
public interface MigrationTarget extends AutoCloseable {

    /** The history table's name, the same in every target: in the PostgreSQL schema, or the ClickHouse database. */
    String HISTORY_TABLE = "crawbl_schema_history";

    /** Where this target points, safe to print (no password). */
    String describe();

    /**
     * Splits a migration's text into statements the way this database reads them.
     *
     * @throws ai.crawbl.migrations.sql.SqlSyntaxException when the text cannot be split, or holds a statement this
     *                                                     target refuses to run in such a migration
     */
    List<Statement> statements(Migration migration);

    /** Waits for the migration lock; closing the handle releases it. */
    Lock lock();

    /** True when {@link #lock()} excludes other runners; false when the caller must run one migrator at a time. */
    default boolean locks() {
        return true;
    }

    /** Creates what the history needs (schema or database, history table) when absent. Called under the lock. */
    void prepare();

    /** The history rows in version order; empty when there is no history table yet. */
    List<AppliedMigration> history();

    /** Writes {@code row} as the history row of its version, replacing any row of that version. */
    void record(AppliedMigration row);

    /** Deletes the history row of {@code version}. */
    void forget(int version);

    /** True when this database runs statements in a transaction, so a transactional migration is all or nothing. */
    boolean transactional();

    /**
     * Runs {@code statements} and then records {@code row.get()} in one transaction: all of it commits, or none.
     * Only called when {@link #transactional()}.
     *
     * @throws StatementError when a statement fails; the transaction was rolled back
     */
    void runInTransaction(List<Statement> statements, Supplier<AppliedMigration> row) throws StatementError;

    /** Runs one statement on its own, outside any transaction. */
    void run(Statement statement) throws StatementError;

    /**
     * Called before a statement runs again that an earlier attempt (a retry, or a run that died or failed at it) may
     * have left half done: removes what that attempt left where this is safe, or refuses with what to do.
     *
     * @throws StatementError when the clean-up itself fails, as the statement would (a lock timeout is retryable)
     */
    default void beforeRerun(Statement statement) throws StatementError {
    }

    /**
     * What the statements of a migration run outside a transaction left broken (a failed concurrent index build's
     * INVALID index), as a sentence naming it and what to do; empty when nothing.
     */
    default Optional<String> leftovers(List<Statement> statements) {
        return Optional.empty();
    }

    /** How many times a statement that failed with a {@link StatementError#retryable() retryable} error runs again. */
    default int retries() {
        return 0;
    }

    /** True when a migration that failed part-way may run again from where it stopped, once its cause is fixed. */
    boolean resumesFailedMigrations();

    /** The version a foreign tool's history (golang-migrate's {@code schema_migrations}) says was reached, if any. */
    default Optional<ForeignHistory> foreignHistory() {
        return Optional.empty();
    }

    /**
     * Other places in this database that hold a history of this engine (a PostgreSQL schema other than the target's),
     * for a warning when the target's own history is empty and the files name one of those places themselves.
     */
    default List<String> historiesElsewhere() {
        return List.of();
    }

    @Override
    void close();

    /** The held migration lock. */
    interface Lock extends AutoCloseable {
        @Override
        void close();
    }

    /** Another migration tool's record of how far a database was migrated. */
    record ForeignHistory(String tool, String table, long version, boolean dirty) {
    }

    /**
     * A statement the database refused, as the target reads it: 1-based {@code position} inside the statement (0 for
     * none), the database's code (SQLSTATE for PostgreSQL, or null), its message, and whether trying again may
     * succeed (a lock timeout).
     */
    final class StatementError extends Exception {
        private final transient Statement statement;
        private final int position;
        private final String code;
        private final boolean retryable;

        public StatementError(Statement statement, int position, String code, String message, boolean retryable, Throwable cause) {
            super(message, cause);
            this.statement = statement;
            this.position = position;
            this.code = code;
            this.retryable = retryable;
        }

        public Statement statement() {
            return statement;
        }

        public int position() {
            return position;
        }

        public String code() {
            return code;
        }

        public boolean retryable() {
            return retryable;
        }
    }
}
