package ai.crawbl.migrations.drift;

import ai.crawbl.migrations.MigrationException;
import ai.crawbl.migrations.Results;
import ai.crawbl.migrations.plan.MigrationPlan.State;

import java.util.ArrayList;
import java.util.List;

/**
 * The version a live database's history says it is at, which the throwaway database is migrated to, and what the
 * history says that makes the comparison less than exact.
 *
 * @param version  the version to migrate the throwaway database to
 * @param recorded true when the live database has a history
 * @param warnings notes for the report
 */
record ExpectedVersion(int version, boolean recorded, List<String> warnings) {

    /**
     * Reads it from {@code status}: refuses a history that names a version the files do not have (the files cannot
     * say what it made); {@code requested}, when not null, wins over the history; a database without any history is
     * compared with every file.
     */
    static ExpectedVersion of(Results.StatusResult status, Integer requested, String location) {
        List<Results.StatusRow> missing = status.migrations().stream().filter(row -> row.state() == State.MISSING).toList();
        if (!missing.isEmpty()) {
            Results.StatusRow first = missing.getFirst();
            throw new MigrationException("refusing to compare " + status.target() + ": its history names version " + first.version()
                    + " (" + first.description() + "), which " + location + " does not have"
                    + (missing.size() > 1 ? " (nor versions " + missing.stream().skip(1).map(row -> Integer.toString(row.version())).toList() + ")" : "")
                    + ". Point to the migrations this database was migrated with.");
        }
        List<String> warnings = new ArrayList<>();
        int highest = status.migrations().stream().mapToInt(Results.StatusRow::version).max().orElse(0);
        int version = status.currentVersion();
        boolean recorded = !status.migrations().stream().allMatch(row -> row.state() == State.PENDING);
        if (requested != null) {
            version = requested;
        } else if (!recorded) {
            version = highest;
            warnings.add(status.target() + " has no migration history: compared with every migration, up to version " + highest);
        }
        for (Results.StatusRow row : status.migrations()) {
            switch (row.state()) {
                case CHANGED -> warnings.add("version " + row.version() + " (" + row.description()
                        + ") changed after it was applied: the comparison uses the file as it is now");
                case FAILED, INTERRUPTED -> warnings.add("version " + row.version() + " (" + row.description() + ") "
                        + (row.state() == State.FAILED ? "failed" : "was interrupted") + " part-way: what it left is reported as drift");
                default -> {
                }
            }
        }
        return new ExpectedVersion(version, recorded, warnings);
    }
}
