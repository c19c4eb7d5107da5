package ai.crawbl.migrations;

import ai.crawbl.migrations.plan.MigrationPlan;

import java.time.Instant;
import java.util.List;

/** The values the engine's verbs return; each is printed as text or serialised as JSON by the CLI. */
public final class Results {
    private Results() {
    }

    /** One migration run by {@code migrate}; {@code resumedAt} is the statement index it resumed from, or 0. */
    public record Step(int version, String description, String script, long millis, int resumedAt) {
    }

    /** What {@code migrate} did (or, on a dry run, would do). */
    public record MigrateResult(String target, int initialVersion, int finalVersion, List<Step> applied,
                                List<String> warnings, boolean dryRun, long millis) {
    }

    /** One row of {@code status}. */
    public record StatusRow(int version, String description, MigrationPlan.State state, Instant appliedAt,
                            Long millis, String appliedBy) {
    }

    /** What {@code status} found. */
    public record StatusResult(String target, int currentVersion, List<StatusRow> migrations) {
    }

    /** One reason the history and the files disagree. */
    public record Problem(int version, MigrationPlan.State state, String message) {
    }

    /** What {@code validate} found; valid when there are no problems. */
    public record ValidateResult(String target, boolean valid, List<Problem> problems) {
    }

    /** What {@code repair} changed in the history. */
    public record RepairResult(String target, List<String> actions) {
    }

    /** The baseline {@code baseline} recorded. */
    public record BaselineResult(String target, int version) {
    }
}
