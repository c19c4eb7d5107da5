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

    /** What a history row records. */
    public enum Kind { MIGRATION, BASELINE }

    /** True for a row whose run stopped without finishing or failing (the process died). */
    public boolean interrupted() {
        return !success && executionMillis == null;
    }
}
