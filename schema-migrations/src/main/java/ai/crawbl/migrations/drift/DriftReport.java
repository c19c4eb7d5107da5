package ai.crawbl.migrations.drift;

import java.util.List;

/**
 * What a drift check found: the live database, the throwaway one migrated to compare with, the version both stand
 * at, the differences, and how long each phase took.
 *
 * @param live     the live database, safe to print
 * @param expected the database the migrations were applied to, safe to print
 * @param version  the version the expected database was migrated to: the one the live database's history records
 * @param recorded true when the live database has a migration history; false when it has none, and was compared with
 *                 every migration (or with the version asked for)
 * @param drift    what differs; empty when the two are equal
 * @param warnings what the reader should know about the comparison (an unfinished migration in the history, …)
 * @param phases   where the time went
 */
public record DriftReport(String live, String expected, int version, boolean recorded, Drift drift, List<String> warnings, Phases phases) {

    public DriftReport {
        warnings = List.copyOf(warnings);
    }

    /**
     * Milliseconds spent reading the live history, starting the throwaway database, migrating it, and describing the
     * two (the live one is described while the throwaway one is prepared, so the phases overlap), and in all.
     */
    public record Phases(long historyMillis, long provisionMillis, long migrateMillis, long describeMillis, long totalMillis) {
    }

    /** True when the live database holds exactly what its migrations make (as far as compared). */
    public boolean equal() {
        return drift.isEmpty();
    }
}
