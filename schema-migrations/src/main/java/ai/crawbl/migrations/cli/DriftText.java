package ai.crawbl.migrations.cli;

import ai.crawbl.migrations.drift.Difference;
import ai.crawbl.migrations.drift.DriftReport;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * A drift report for people, in the manner of a unified diff: the expected database as {@code ---}, the live one as
 * {@code +++}, then one {@code @@ object @@} block per table or object that differs, a line per difference marked
 * {@code -} (missing from the live database), {@code +} (not in the migrations) or {@code ~} (different), and where
 * the time went.
 */
public final class DriftText {
    private DriftText() {
    }

    public static void print(DriftReport report, PrintStream out) {
        report.warnings().forEach(warning -> out.println("note: " + warning));
        if (report.equal()) {
            out.printf("%s matches its migrations at version %d%n", report.live(), report.version());
        } else {
            out.printf("--- expected: %s, migrated to version %d%n", report.expected(), report.version());
            out.printf("+++ live: %s%n", report.live());
            for (Map.Entry<String, List<Difference>> group : report.drift().byGroup().entrySet()) {
                out.printf("@@ %s @@%n", group.getKey());
                for (Difference difference : group.getValue()) {
                    out.println(marker(difference) + " " + difference.text());
                }
            }
            out.printf("%s has drifted from its migrations: %d difference(s)%n", report.live(), report.drift().differences().size());
        }
        DriftReport.Phases phases = report.phases();
        out.printf("(%d ms: history %d ms, throwaway database %d ms, migrating it %d ms, describing both %d ms)%n",
                phases.totalMillis(), phases.historyMillis(), phases.provisionMillis(), phases.migrateMillis(), phases.describeMillis());
    }

    private static String marker(Difference difference) {
        return switch (difference.change()) {
            case MISSING -> "-";
            case UNEXPECTED -> "+";
            case CHANGED -> "~";
        };
    }

    /** What {@code --format json} prints for a report: one object. */
    public record Json(String live, String expected, int version, boolean recorded, boolean equal, List<Difference> differences, List<String> lines,
                       List<String> warnings, DriftReport.Phases phases) {
        public static Json of(DriftReport report) {
            return new Json(report.live(), report.expected(), report.version(), report.recorded(), report.equal(), report.drift().differences(),
                    report.drift().lines(), report.warnings(), report.phases());
        }
    }
}
