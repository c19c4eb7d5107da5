package ai.crawbl.migrations.plan;

import ai.crawbl.migrations.MigrationException;
import ai.crawbl.migrations.source.Migration;

import java.time.Instant;

/**
 * One row of a target's history table. A {@code BASELINE} row stands for every version up to its own.
 * {@code outcome} says where the run of the migration stands; {@code statementsDone} counts the statements that
 * completed; {@code executionMillis} is null while the run is {@link Outcome#RUNNING}. {@code appliedAt} and
 * {@code appliedBy} may be null in a row about to be written: the target then records its own clock and user.
 */
public record AppliedMigration(int version, String description, Kind kind, String script, String checksum,
                               Instant appliedAt, String appliedBy, Long executionMillis, Outcome outcome,
                               int statementsDone) {

    /** Where a migration's run stands: the engine moves a row from {@code RUNNING} to one of the other two. */
    public enum Outcome {
        /** Begun and not finished; read back by a later run, it means the process died part-way. */
        RUNNING,
        /** A statement failed; {@code statementsDone} completed before it. */
        FAILED,
        /** Every statement completed (or, for a baseline, counted as such). */
        SUCCEEDED;

        /**
         * The outcome that a history table's {@code success} and {@code execution_ms} columns store: a success, or a
         * failure with its duration, or (no duration) a run still going or interrupted.
         */
        public static Outcome stored(boolean success, Long executionMillis) {
            return success ? SUCCEEDED : executionMillis == null ? RUNNING : FAILED;
        }
    }

    /** What a history row records; written in the history table as {@code migration} or {@code baseline}. */
    public enum Kind {
        MIGRATION, BASELINE;

        /**
         * The kind a history row's {@code kind} column names.
         *
         * @param table   the history table, for the message
         * @param version the row's version, for the message
         * @throws MigrationException naming the row and what to do when the value is none of the kinds
         */
        public static Kind of(String value, String table, int version) {
            for (Kind kind : values()) {
                if (kind.name().equalsIgnoreCase(value)) {
                    return kind;
                }
            }
            throw new MigrationException("the history row of version " + version + " in " + table + " has kind "
                    + (value == null ? "NULL" : "'" + value + "'") + ", which this engine never writes (it writes 'migration'"
                    + " or 'baseline'); the table was edited by hand or by another tool. Set the row's kind back to"
                    + " 'migration' (or to 'baseline' if it stands for every version up to its own), then run the command again.");
        }
    }

    /** The row of a run of {@code migration} that has begun, or goes on, with {@code statementsDone} completed. */
    public static AppliedMigration running(Migration migration, int statementsDone) {
        return new AppliedMigration(migration.version(), migration.description(), Kind.MIGRATION, migration.script(),
                migration.checksum(), null, null, null, Outcome.RUNNING, statementsDone);
    }

    /** The row of a run of {@code migration} that stopped at a failing statement after {@code statementsDone}. */
    public static AppliedMigration failed(Migration migration, int statementsDone, long millis) {
        return new AppliedMigration(migration.version(), migration.description(), Kind.MIGRATION, migration.script(),
                migration.checksum(), null, null, millis, Outcome.FAILED, statementsDone);
    }

    /** The row of a run of {@code migration} whose {@code statements} all completed. */
    public static AppliedMigration succeeded(Migration migration, int statements, long millis) {
        return new AppliedMigration(migration.version(), migration.description(), Kind.MIGRATION, migration.script(),
                migration.checksum(), null, null, millis, Outcome.SUCCEEDED, statements);
    }

    /** A baseline row: every version up to {@code version} counts as applied; {@code appliedBy} null for the target's user. */
    public static AppliedMigration baseline(int version, String description, String appliedBy) {
        return new AppliedMigration(version, description, Kind.BASELINE, null, null, null, appliedBy, 0L, Outcome.SUCCEEDED, 0);
    }

    /** This row with the file's description, name and checksum as they are now (repair of a changed file). */
    public AppliedMigration realignedWith(Migration migration) {
        return new AppliedMigration(version, migration.description(), kind, migration.script(), migration.checksum(),
                appliedAt, appliedBy, executionMillis, outcome, statementsDone);
    }

    /** True for a row whose run completed. */
    public boolean success() {
        return outcome == Outcome.SUCCEEDED;
    }

    /** True for a row whose run stopped without finishing or failing (the process died). */
    public boolean interrupted() {
        return outcome == Outcome.RUNNING;
    }
}
