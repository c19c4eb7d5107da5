package ai.crawbl.migrations;

import ai.crawbl.migrations.sql.Statement;

import java.util.List;
import java.util.Optional;

/**
 * A database that migrations are applied to (the golang-migrate "driver"): it owns the history table, the
 * migration lock and the way a migration's statements are run. Implementations stay small; the engine
 * ({@link Migrator}) does the planning, validation and reporting.
 */
public interface MigrationTarget extends AutoCloseable {

    /** The history table's name, the same in every target: in the PostgreSQL schema, or the ClickHouse database. */
    String HISTORY_TABLE = "crawbl_schema_history";

    /** Where this target points, safe to print (no password). */
    String describe();

    /** Splits a migration's text into statements the way this database reads them. */
    List<Statement> statements(Migration migration);

    /** Waits for the migration lock; closing the handle releases it. */
    Lock lock();

    /** Creates what the history needs (schema or database, history table) when absent. Called under the lock. */
    void prepare();

    /** The history rows in version order; empty when there is no history table yet. */
    List<AppliedMigration> history();

    /**
     * Runs {@code statements} from index {@code from} on, recording the migration in the history as this target
     * does (transactionally where it can). Throws {@link StatementFailure} when a statement fails.
     */
    void apply(Migration migration, List<Statement> statements, int from);

    /** True when a migration that failed part-way may simply be run again from where it stopped. */
    boolean resumesFailedMigrations();

    /** Records a baseline row: versions up to {@code version} count as applied. */
    void baseline(int version, String description, String appliedBy);

    /** Makes the history row of {@code migration} match the file as it is now. */
    void realign(Migration migration);

    /** Deletes a history row (a missing or failed migration, on repair). */
    void forget(int version);

    /** The version a foreign tool's history (golang-migrate's {@code schema_migrations}) says was reached, if any. */
    default Optional<ForeignHistory> foreignHistory() {
        return Optional.empty();
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
}
