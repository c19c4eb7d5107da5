package ai.crawbl.migrations;

import ai.crawbl.migrations.Results.BaselineResult;
import ai.crawbl.migrations.Results.MigrateResult;
import ai.crawbl.migrations.Results.Problem;
import ai.crawbl.migrations.Results.RepairResult;
import ai.crawbl.migrations.Results.StatusResult;
import ai.crawbl.migrations.Results.StatusRow;
import ai.crawbl.migrations.Results.Step;
import ai.crawbl.migrations.Results.ValidateResult;
import ai.crawbl.migrations.plan.AppliedMigration;
import ai.crawbl.migrations.plan.MigrationPlan;
import ai.crawbl.migrations.plan.MigrationPlan.Entry;
import ai.crawbl.migrations.plan.MigrationPlan.State;
import ai.crawbl.migrations.source.Migration;
import ai.crawbl.migrations.source.MigrationSourceException;
import ai.crawbl.migrations.sql.SqlSyntaxException;
import ai.crawbl.migrations.sql.Statement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The migration engine: one method per verb, each opening the target, doing its work and returning a result
 * value. Verbs that change the history take the target's migration lock first, so concurrent runners apply each
 * migration exactly once.
 *
 * <pre>{@code
 * MigrateResult result = Migrator.configure()
 *         .source(MigrationSource.directory(dir, NamingScheme.POSTGRES))
 *         .target(PostgresTarget.at(endpoint))
 *         .load()
 *         .migrate();
 * }</pre>
 */
public final class Migrator {

    private final Configuration config;

    Migrator(Configuration config) {
        this.config = config;
    }

    /** A configuration with no source or target yet, all versions, no dry run, no progress reporting. */
    public static Configuration configure() {
        return Configuration.defaults();
    }

    /**
     * Applies pending migrations in version order (up to the configured target version), resuming any that an
     * earlier run left part-way where the target allows it. Refuses, changing nothing, when the history and the
     * files disagree (see {@link #validate()}).
     */
    public MigrateResult migrate() {
        long started = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        List<Migration> migrations = loadSource(warnings);
        try (MigrationTarget target = config.target().get(); MigrationTarget.Lock lock = target.lock()) {
            List<AppliedMigration> history = target.history();
            Optional<MigrationTarget.ForeignHistory> adopted = history.isEmpty() ? adoptable(target) : Optional.empty();
            if (adopted.isPresent()) {
                history = List.of(baselineRow(adopted.get()));
            }
            config.source().requireContiguous(migrations, history);
            MigrationPlan plan = MigrationPlan.of(migrations, history);
            List<Problem> problems = problems(plan, target, false);
            if (!problems.isEmpty()) {
                throw new MigrationException("refusing to migrate " + target.describe() + ":\n" + describe(problems)
                        + "\nFix the files, or accept them as they are with 'repair'.");
            }
            List<Entry> pending = plan.in(State.PENDING, State.INTERRUPTED, State.FAILED).stream()
                    .filter(entry -> entry.version() <= config.targetVersion()).toList();
            // Every pending file is split before anything is written: a syntax error stops the run before it starts.
            Map<Integer, List<Statement>> statements = new HashMap<>();
            for (Entry entry : pending) {
                statements.put(entry.version(), split(target, entry.migration()));
            }
            if (!config.dryRun()) {
                target.prepare();
                adopted.ifPresent(found -> target.record(baselineRow(found)));
            }
            if (history.isEmpty()) {
                List<String> elsewhere = target.historiesElsewhere().stream().filter(place -> named(place, migrations)).toList();
                if (!elsewhere.isEmpty()) {
                    String note = target.describe() + " has no migration history yet, but this database holds one in " + elsewhere
                            + ", which the files name"
                            + ". The schema option moves only the history table (and what comes first on the search path):"
                            + " files that name their schema, as the project's do, run there whatever it says, so this run"
                            + " repeats every migration against the same tables. If that is not what you meant, pass the schema of"
                            + " the existing history instead.";
                    warnings.add(note);
                    config.progress().warning(note);
                }
            }
            adopted.ifPresent(found -> {
                String note = "adopted " + found.tool() + "'s " + found.table() + " at version " + found.version();
                warnings.add(note);
                config.progress().warning(note);
            });
            int initial = plan.currentVersion();
            List<Step> applied = new ArrayList<>();
            for (Entry entry : pending) {
                Migration migration = entry.migration();
                int from = entry.applied() == null ? 0 : entry.applied().statementsDone();
                long t0 = System.nanoTime();
                if (!config.dryRun()) {
                    new MigrationRun(target, migration, statements.get(migration.version())).apply(from, entry.applied() != null);
                }
                Step step = new Step(migration.version(), migration.description(), migration.script(),
                        (System.nanoTime() - t0) / 1_000_000, from);
                applied.add(step);
                config.progress().applied(step);
            }
            int last = applied.isEmpty() ? initial : applied.getLast().version();
            return new MigrateResult(target.describe(), initial, last, applied, warnings, config.dryRun(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    /** Every version of the source and the history with its state. Reads only. */
    public StatusResult status() {
        List<String> warnings = new ArrayList<>();
        List<Migration> migrations = loadSource(warnings);
        try (MigrationTarget target = config.target().get()) {
            MigrationPlan plan = plan(migrations, history(target));
            List<StatusRow> rows = plan.entries().stream().map(entry -> new StatusRow(entry.version(), entry.description(),
                    entry.state(), entry.applied() == null ? null : entry.applied().appliedAt(),
                    entry.applied() == null ? null : entry.applied().executionMillis(),
                    entry.applied() == null ? null : entry.applied().appliedBy())).toList();
            return new StatusResult(target.describe(), plan.currentVersion(), rows);
        }
    }

    /**
     * Checks that the history matches the files and is clean: no applied file changed, none missing, no failed run
     * (even one that {@code migrate} would resume, as on ClickHouse). Reads only.
     */
    public ValidateResult validate() {
        List<Migration> migrations = loadSource(new ArrayList<>());
        try (MigrationTarget target = config.target().get()) {
            List<Problem> problems = problems(plan(migrations, history(target)), target, true);
            return new ValidateResult(target.describe(), problems.isEmpty(), problems);
        }
    }

    /**
     * Accepts the files as they are now: changed checksums are re-recorded, rows of missing files and of failed
     * runs are deleted (a failed migration then runs again from its start). Refuses, changing nothing, when the files
     * of every applied migration are missing, which says the source is the wrong folder more often than that the
     * history should go: {@link #repair(boolean) repair(true)} does it anyway.
     */
    public RepairResult repair() {
        return repair(false);
    }

    /** {@link #repair()}; with {@code force}, even when that removes every applied migration from the history. */
    public RepairResult repair(boolean force) {
        List<Migration> migrations = loadSource(new ArrayList<>());
        try (MigrationTarget target = config.target().get(); MigrationTarget.Lock lock = target.lock()) {
            List<AppliedMigration> history = target.history();
            MigrationPlan plan = plan(migrations, history);
            long applied = history.stream().filter(row -> row.kind() == AppliedMigration.Kind.MIGRATION).count();
            long missing = plan.in(State.MISSING).size();
            if (!force && applied > 0 && missing == applied) {
                throw new MigrationException("refusing to repair " + target.describe() + ": it would remove all " + applied
                        + " applied migration(s) from the history, since none of their files is in " + config.source().location()
                        + ". Is that the right folder? Nothing was changed. To forget them all anyway, repair with force.", null,
                        List.of(MigrationException.Setting.FORCE_REPAIR));
            }
            target.prepare();
            List<String> actions = new ArrayList<>();
            for (Entry entry : plan.entries()) {
                switch (entry.state()) {
                    case CHANGED -> {
                        if (entry.applied().success()) {
                            target.record(entry.applied().realignedWith(entry.migration()));
                            actions.add("version " + entry.version() + ": recorded the new checksum " + entry.migration().checksum()
                                    + " (was " + entry.applied().checksum() + ")");
                        } else {
                            target.forget(entry.version());
                            actions.add("version " + entry.version() + ": removed the unfinished run of the file as it was before its"
                                    + " change; the next migrate runs the file from its start");
                        }
                    }
                    case MISSING -> {
                        target.forget(entry.version());
                        actions.add("version " + entry.version() + ": removed from the history (its file is gone)");
                    }
                    case FAILED -> {
                        target.forget(entry.version());
                        actions.add("version " + entry.version() + ": removed the failed run; the next migrate runs it from its start");
                    }
                    default -> {
                    }
                }
            }
            return new RepairResult(target.describe(), actions);
        }
    }

    /**
     * Records that the database already holds everything up to {@code version}; only on an empty history, and only at
     * a version that has a file (a higher one would mark migrations not written yet as applied).
     */
    public BaselineResult baseline(int version) {
        if (version < 1) {
            throw new MigrationException("baseline version must be 1 or more, not " + version);
        }
        List<Migration> migrations = config.source().load(warning -> config.progress().warning(warning));
        if (migrations.isEmpty() || version > migrations.getLast().version()) {
            throw new MigrationException("cannot baseline at version " + version + ": "
                    + (migrations.isEmpty() ? "there are no migrations in " + config.source().location()
                    : "the highest migration in " + config.source().location() + " is " + migrations.getLast().script())
                    + ". Baseline at the version of the last file the database already holds.");
        }
        try (MigrationTarget target = config.target().get(); MigrationTarget.Lock lock = target.lock()) {
            target.prepare();
            if (!target.history().isEmpty()) {
                throw new MigrationException(target.describe() + " already has a migration history; baseline only applies to a database that has none");
            }
            target.record(AppliedMigration.baseline(version, "baseline", null));
            return new BaselineResult(target.describe(), version);
        }
    }

    /** True when a file names {@code schema} as the qualifier of a name ({@code schema.table}). */
    private static boolean named(String schema, List<Migration> migrations) {
        java.util.regex.Pattern qualifier = java.util.regex.Pattern.compile("(?i)(?<![\\w$])\"?" + java.util.regex.Pattern.quote(schema) + "\"?\\s*\\.");
        return migrations.stream().anyMatch(migration -> qualifier.matcher(migration.sql()).find());
    }

    private static List<Statement> split(MigrationTarget target, Migration migration) {
        try {
            return target.statements(migration);
        } catch (SqlSyntaxException e) {
            throw new MigrationSourceException(migration.script() + ":" + e.position() + ": " + e.problem());
        }
    }

    /** The plan of the files against the history, once the history accounts for any gap in the files' versions. */
    private MigrationPlan plan(List<Migration> migrations, List<AppliedMigration> history) {
        config.source().requireContiguous(migrations, history);
        return MigrationPlan.of(migrations, history);
    }

    /** The source's migrations; gaps in their versions are checked against the history, by {@link #plan}. */
    private List<Migration> loadSource(List<String> warnings) {
        return config.source().loadAllowingGaps(warning -> {
            warnings.add(warning);
            config.progress().warning(warning);
        });
    }

    /** The history, or a baseline where golang-migrate's table says how far a database without one got. */
    private static List<AppliedMigration> history(MigrationTarget target) {
        List<AppliedMigration> history = target.history();
        if (history.isEmpty()) {
            return adoptable(target).map(found -> List.of(baselineRow(found))).orElse(history);
        }
        return history;
    }

    /** golang-migrate's record of a database, when there is one to adopt; a dirty one is refused. */
    private static Optional<MigrationTarget.ForeignHistory> adoptable(MigrationTarget target) {
        Optional<MigrationTarget.ForeignHistory> foreign = target.foreignHistory().filter(found -> found.version() > 0);
        foreign.filter(MigrationTarget.ForeignHistory::dirty).ifPresent(found -> {
            throw new MigrationException(found.tool() + "'s " + found.table() + " says version " + found.version()
                    + " is dirty: that migration failed part-way and may be half applied. Compare the database with "
                    + "the file of version " + found.version() + ", finish or undo its statements by hand, set dirty = false "
                    + "in " + found.table() + ", then run migrate again to adopt the database.");
        });
        return foreign;
    }

    private static AppliedMigration baselineRow(MigrationTarget.ForeignHistory found) {
        return AppliedMigration.baseline((int) found.version(), "adopted from " + found.tool(), found.tool());
    }

    /**
     * What stands between the history and the files. A failed run is always a problem for {@code validate} (the history
     * is not clean, on every target alike), but stops {@code migrate} only where the target cannot resume it.
     */
    private static List<Problem> problems(MigrationPlan plan, MigrationTarget target, boolean validating) {
        List<Problem> problems = new ArrayList<>();
        for (Entry entry : plan.entries()) {
            String file = entry.migration() == null ? "version " + entry.version() : entry.migration().script();
            switch (entry.state()) {
                case CHANGED -> problems.add(new Problem(entry.version(), entry.state(), entry.applied().success()
                        ? file + " changed after it was applied: checksum applied " + entry.applied().checksum()
                          + ", file now " + entry.migration().checksum()
                        : file + " changed after its run " + (entry.applied().interrupted() ? "was interrupted" : "failed")
                          + " at statement " + (entry.applied().statementsDone() + 1) + " (checksum then "
                          + entry.applied().checksum() + ", file now " + entry.migration().checksum() + "). A changed file never"
                          + " resumes, since its statements may have moved; " + entry.applied().statementsDone()
                          + " statement(s) of the earlier text stay applied. Restore the file to resume it, or run 'repair' to run"
                          + " the file as it is now from its start"));
                case MISSING -> problems.add(new Problem(entry.version(), entry.state(), "version " + entry.version()
                        + " (" + entry.applied().script() + ") was applied but its file is missing"));
                case FAILED -> {
                    String failed = file + " failed in an earlier run after " + entry.applied().statementsDone() + " statement(s); ";
                    if (!target.resumesFailedMigrations()) {
                        problems.add(new Problem(entry.version(), entry.state(), failed + "check what it left behind, then run 'repair'"));
                    } else if (validating) {
                        problems.add(new Problem(entry.version(), entry.state(), failed + "fix the cause and run 'migrate' to resume"
                                + " it at statement " + (entry.applied().statementsDone() + 1) + ", or 'repair' to run it from its start"));
                    }
                }
                default -> {
                }
            }
        }
        return problems;
    }

    private static String describe(List<Problem> problems) {
        StringBuilder text = new StringBuilder();
        for (Problem problem : problems) {
            text.append("  ").append(problem.message()).append('\n');
        }
        return text.toString().stripTrailing();
    }
}
