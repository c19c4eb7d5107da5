package ai.crawbl.migrations.cli;

import ai.crawbl.migrations.Results;
import ai.crawbl.migrations.plan.MigrationPlan;
import ai.crawbl.migrations.source.NamingScheme;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Human-readable renderings of the engine's results. */
final class Report {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Report() {
    }

    static String step(Results.Step step, boolean dryRun, NamingScheme scheme) {
        return String.format("%s %s %-40s %s", dryRun ? "would apply" : "applied", scheme.version(step.version()), step.description(),
                dryRun ? "" : step.millis() + " ms" + (step.resumedAt() > 0 ? " (resumed at statement " + (step.resumedAt() + 1) + ")" : ""));
    }

    static void migrate(Results.MigrateResult result, PrintStream out) {
        if (result.applied().isEmpty()) {
            out.printf("%s is up to date at version %d (%d ms)%n", result.target(), result.finalVersion(), result.millis());
        } else {
            out.printf("%s %d migration(s) to %s: version %d -> %d (%d ms)%n", result.dryRun() ? "Would apply" : "Applied",
                    result.applied().size(), result.target(), result.initialVersion(), result.finalVersion(), result.millis());
        }
    }

    static void status(Results.StatusResult result, PrintStream out, NamingScheme scheme) {
        out.printf("%s: version %d%n", result.target(), result.currentVersion());
        out.printf("%-8s %-36s %-15s %-21s %s%n", "VERSION", "DESCRIPTION", "STATE", "APPLIED AT", "DURATION");
        for (Results.StatusRow row : result.migrations()) {
            out.printf("%-8s %-36s %-15s %-21s %s%n", scheme.version(row.version()), row.description(),
                    row.state().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '),
                    row.appliedAt() == null ? "" : TIME.format(row.appliedAt()),
                    row.millis() == null ? "" : row.millis() + " ms");
        }
    }

    static void validate(Results.ValidateResult result, PrintStream out) {
        if (result.valid()) {
            out.printf("%s: the history matches the files%n", result.target());
            return;
        }
        out.printf("%s: %d problem(s)%n", result.target(), result.problems().size());
        for (Results.Problem problem : result.problems()) {
            out.println("  " + problem.message());
        }
        if (result.problems().stream().anyMatch(p -> p.state() != MigrationPlan.State.FAILED)) {
            out.println("Restore the files as they were applied, or accept them as they are with 'repair'.");
        }
    }

    static void repair(Results.RepairResult result, PrintStream out) {
        if (result.actions().isEmpty()) {
            out.printf("%s: nothing to repair%n", result.target());
        }
        result.actions().forEach(action -> out.println(result.target() + ": " + action));
    }

    static void baseline(Results.BaselineResult result, PrintStream out) {
        out.printf("%s: baselined at version %d%n", result.target(), result.version());
    }
}
