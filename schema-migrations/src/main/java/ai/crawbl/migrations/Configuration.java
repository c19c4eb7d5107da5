package ai.crawbl.migrations;

import ai.crawbl.migrations.source.MigrationSource;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * Immutable settings of a {@link Migrator}; every {@code with}-style call returns a new configuration.
 *
 * @param source        where the migrations come from
 * @param target        opens a connection to the target for each verb
 * @param targetVersion the highest version {@code migrate} applies ({@link Integer#MAX_VALUE}: all)
 * @param dryRun        {@code migrate} plans and reports without changing anything
 * @param progress      told about each migration as it finishes, and about warnings
 */
public record Configuration(MigrationSource source, Supplier<MigrationTarget> target, int targetVersion,
                            boolean dryRun, Progress progress) {

    /** Receives progress as it happens, for people watching a long run. */
    public interface Progress {
        default void applied(Results.Step step) {
        }

        default void warning(String message) {
        }

        /** Discards everything. */
        Progress SILENT = new Progress() {
        };
    }

    static Configuration defaults() {
        return new Configuration(null, null, Integer.MAX_VALUE, false, Progress.SILENT);
    }

    public Configuration source(MigrationSource source) {
        return new Configuration(Objects.requireNonNull(source), target, targetVersion, dryRun, progress);
    }

    public Configuration target(Supplier<MigrationTarget> target) {
        return new Configuration(source, Objects.requireNonNull(target), targetVersion, dryRun, progress);
    }

    public Configuration targetVersion(int version) {
        return new Configuration(source, target, version, dryRun, progress);
    }

    public Configuration dryRun(boolean dryRun) {
        return new Configuration(source, target, targetVersion, dryRun, progress);
    }

    public Configuration progress(Progress progress) {
        return new Configuration(source, target, targetVersion, dryRun, Objects.requireNonNull(progress));
    }

    /** The engine with these settings. */
    public Migrator load() {
        if (source == null || target == null) {
            throw new IllegalStateException("a migrator needs a source and a target");
        }
        return new Migrator(this);
    }
}
