package ai.crawbl.migrations;

import java.time.Instant;

/**
 * One row of a target's history table. A {@code BASELINE} row stands for every version up to its own.
 * {@code executionMillis} is null while a migration runs (or when its run was interrupted);
 * {@code statementsDone} counts the statements that completed.
 */
public record AppliedMigration(int version, String description, Kind kind, String script, String checksum,
                               Instant appliedAt, String appliedBy, Long executionMillis, boolean success,
                               int statementsDone) {

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

    /** True for a row whose run stopped without finishing or failing (the process died). */
    public boolean interrupted() {
        return !success && executionMillis == null;
    }
}
