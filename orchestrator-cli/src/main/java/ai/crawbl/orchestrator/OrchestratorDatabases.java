package ai.crawbl.orchestrator;

import ai.crawbl.migrations.Configuration;
import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.Results;
import ai.crawbl.migrations.clickhouse.ClickHouse;
import ai.crawbl.migrations.clickhouse.ClickHouseConnection;
import ai.crawbl.migrations.plan.MigrationPlan;
import ai.crawbl.migrations.postgres.EmbeddedPostgres;
import ai.crawbl.migrations.postgres.PostgresConnection;
import ai.crawbl.migrations.postgres.ProvisionedExtensions;
import ai.crawbl.migrations.postgres.Redaction;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.ClickHouseTarget;
import ai.crawbl.migrations.target.PostgresTarget;
import ai.crawbl.seed.CatalogReport;
import ai.crawbl.seed.SeedLoader;
import ai.crawbl.seed.SeedResult;
import ai.crawbl.seed.SeedSource;
import ai.crawbl.seed.Seeds;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The orchestrator's databases as one unit: its PostgreSQL schema, its ClickHouse schema and the catalogs seeded into
 * PostgreSQL, brought up to date (or inspected) in that order, in this process. Which databases are meant follows the
 * engine's rules: PostgreSQL from {@code url}, {@code CRAWBL_DATABASE_URL}, libpq's variables, else the checkout's
 * embedded cluster; ClickHouse from {@code clickhouse}, {@code CRAWBL_CLICKHOUSE_URL}, else embedded when PostgreSQL is
 * embedded, else none.
 *
 * @param url          a PostgreSQL URL, or null
 * @param embeddedData the embedded cluster's data folder, or null for the checkout's
 * @param extensions   what the embedded database gets in schema {@code public} before its first migration
 * @param clickhouse   {@code embedded}, {@code embedded:PATH} or a ClickHouse JDBC URL, or null
 * @param migrations   the migrations tree (holding {@code orchestrator/} and {@code clickhouse/}), or null for the
 *                     packaged one
 * @param seedDir      the folder of the seed files, or null for the packaged ones
 * @param env          the environment to read the variables from
 */
public record OrchestratorDatabases(String url, Path embeddedData, ProvisionedExtensions extensions, String clickhouse, Path migrations, Path seedDir,
                                    Map<String, String> env) {

    /** Told about each step as it starts and about each migration and catalog as it finishes. */
    public interface Progress {
        void step(String step, String target);

        void line(String text);

        Progress SILENT = new Progress() {
            @Override
            public void step(String step, String target) {
            }

            @Override
            public void line(String text) {
            }
        };
    }

    static final String POSTGRES = "postgres";
    static final String CLICKHOUSE = "clickhouse";
    static final String CATALOGS = "catalogs";
    /** The ClickHouse database the orchestrator's analytics live in, as the engine's CLI defaults to. */
    static final String CLICKHOUSE_DATABASE = "crawbl";

    /**
     * Applies pending PostgreSQL migrations, then ClickHouse migrations, then upserts the catalogs; a step that fails
     * stops the ones after it. A dry run changes nothing anywhere.
     */
    public PlatformReport migrate(boolean dryRun, Progress progress) {
        return run("migrate", dryRun, progress, true);
    }

    /**
     * Each database's migration state and what seeding the catalogs would change; changes nothing. While PostgreSQL
     * migrations are pending, the catalogs are reported pending (work to do, not a failure).
     */
    public PlatformReport status(Progress progress) {
        return run("status", true, progress, false);
    }

    private PlatformReport run(String command, boolean dryRun, Progress progress, boolean migrate) {
        long started = System.nanoTime();
        List<StepReport> steps = new ArrayList<>();
        boolean postgresEmbedded = PostgresConnection.external(url, env).isEmpty();
        // What does not depend on PostgreSQL starts at once, beside it: checking the seed files.
        SeedSource seedSource = seedSource();
        Supplier<Optional<ClickHouseConnection.Choice>> choice = clickHouseChoice(postgresEmbedded);
        try (Prepared prepared = new Prepared(() -> choice.get().map(ClickHouseConnection.Choice::open), () -> Seeds.read(seedSource))) {
            PostgresConnection postgres;
            long t0 = System.nanoTime();
            try {
                postgres = PostgresConnection.open(url, embeddedData, env, extensions);
            } catch (RuntimeException e) {
                steps.add(failed(POSTGRES, null, e, t0));
                steps.add(StepReport.notRun(CLICKHOUSE));
                steps.add(StepReport.notRun(CATALOGS));
                return new PlatformReport(command, dryRun, steps, millisSince(started));
            }
            try (postgres) {
                StepReport schema = migrate ? migratePostgres(postgres, dryRun, progress) : statusPostgres(postgres, progress);
                steps.add(schema);
                if (schema.outcome() == StepReport.Outcome.FAILED) {
                    steps.add(StepReport.notRun(CLICKHOUSE));
                    steps.add(StepReport.notRun(CATALOGS));
                    return new PlatformReport(command, dryRun, steps, millisSince(started));
                }
                StepReport analytics = clickHouse(prepared, migrate, dryRun, progress);
                steps.add(analytics);
                if (analytics.outcome() == StepReport.Outcome.FAILED) {
                    steps.add(StepReport.notRun(CATALOGS));
                    return new PlatformReport(command, dryRun, steps, millisSince(started));
                }
                int pending = pendingIn(schema);
                steps.add(!migrate && pending > 0 ? catalogsPending(postgres, pending)
                        : catalogs(postgres, prepared, dryRun, pending, progress));
            }
        }
        return new PlatformReport(command, dryRun, steps, millisSince(started));
    }

    /** ClickHouse as named, else embedded beside an embedded PostgreSQL, else none; a bad name is the step's failure. */
    Supplier<Optional<ClickHouseConnection.Choice>> clickHouseChoice(boolean postgresEmbedded) {
        return () -> ClickHouseConnection.choose(clickhouse, null, env)
                .or(() -> postgresEmbedded ? Optional.of(new ClickHouseConnection.Choice.Embedded(Path.of(".crawbl", "clickhouse")))
                        : Optional.empty());
    }

    private SeedSource seedSource() {
        return seedDir == null ? SeedSource.packaged() : SeedSource.directory(seedDir);
    }

    /**
     * The seed files, read and checked on another thread while PostgreSQL is migrated, and ClickHouse, opened when its
     * step needs it; closing this closes the ClickHouse it opened.
     *
     * <p>ClickHouse opens only once the seed check has finished, on the calling thread: chDB's connect swaps the
     * process's signal handlers for a moment, and a thread running Java code then (the check's, parsing JSON) can take
     * a signal the JVM relies on into chDB's handler (a test JVM died with SIGSEGV that way).
     */
    static final class Prepared implements AutoCloseable {
        private final Supplier<Optional<ClickHouse>> opener;
        private final CompletableFuture<Seeds> seeds = new CompletableFuture<>();
        /** The check's own thread, not a pool's: a pool thread outlives its task, still running Java code for a while. */
        private final Thread checking;
        private Optional<ClickHouse> clickHouse;

        /** Starts {@code seedCheck} on a thread of its own now; {@code opener} runs when {@link #clickHouse()} is first asked. */
        Prepared(Supplier<Optional<ClickHouse>> opener, Supplier<Seeds> seedCheck) {
            this.opener = opener;
            this.checking = Thread.ofPlatform().name("seed-check").daemon().start(() -> {
                try {
                    seeds.complete(seedCheck.get());
                } catch (RuntimeException | Error e) {
                    seeds.completeExceptionally(e);
                }
            });
        }

        /** ClickHouse, opened at the first call, after the seed check's thread has finished. */
        Optional<ClickHouse> clickHouse() {
            if (clickHouse == null) {
                awaitSeedCheck();
                clickHouse = opener.get();
            }
            return clickHouse;
        }

        /**
         * Waits for the check's thread to end, however the check ends (its failure is the catalogs step's, reported
         * there). Not interruptible: opening chDB beside a running thread is what this wait prevents.
         */
        private void awaitSeedCheck() {
            boolean interrupted = false;
            while (checking.isAlive()) {
                try {
                    checking.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        Seeds seeds() {
            try {
                return seeds.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }

        @Override
        public void close() {
            if (clickHouse != null) {
                clickHouse.ifPresent(ClickHouse::close);
            }
        }
    }

    private StepReport migratePostgres(PostgresConnection postgres, boolean dryRun, Progress progress) {
        String target = postgres.describe();
        progress.step(POSTGRES, target);
        long t0 = System.nanoTime();
        try {
            Results.MigrateResult result = Migrator.configure()
                    .source(source("orchestrator", NamingScheme.POSTGRES))
                    .target(PostgresTarget.at(postgres.endpoint()).describedAs(target))
                    .dryRun(dryRun)
                    .progress(listener(progress, dryRun, NamingScheme.POSTGRES))
                    .load().migrate();
            return new StepReport(POSTGRES, StepReport.Outcome.DONE, target, summary(result), millisSince(t0), result);
        } catch (RuntimeException e) {
            return failed(POSTGRES, target, e, t0);
        }
    }

    private StepReport statusPostgres(PostgresConnection postgres, Progress progress) {
        String target = postgres.describe();
        progress.step(POSTGRES, target);
        long t0 = System.nanoTime();
        try {
            Results.StatusResult result = Migrator.configure()
                    .source(source("orchestrator", NamingScheme.POSTGRES))
                    .target(PostgresTarget.at(postgres.endpoint()).describedAs(target))
                    .load().status();
            return new StepReport(POSTGRES, StepReport.Outcome.DONE, target, summary(result), millisSince(t0), result);
        } catch (RuntimeException e) {
            return failed(POSTGRES, target, e, t0);
        }
    }

    private StepReport clickHouse(Prepared prepared, boolean migrate, boolean dryRun, Progress progress) {
        long t0 = System.nanoTime();
        Optional<ClickHouse> opened;
        try {
            opened = prepared.clickHouse();
        } catch (RuntimeException e) {
            return failed(CLICKHOUSE, null, e, t0);
        }
        if (opened.isEmpty()) {
            return new StepReport(CLICKHOUSE, StepReport.Outcome.SKIPPED, null,
                    "skipped: no ClickHouse named (--clickhouse or CRAWBL_CLICKHOUSE_URL) and PostgreSQL is not embedded",
                    0, null);
        }
        ClickHouseTarget.Options options = ClickHouseTarget.at(opened.get()).database(CLICKHOUSE_DATABASE);
        String target = opened.get().describe() + " database " + CLICKHOUSE_DATABASE;
        progress.step(CLICKHOUSE, target);
        try {
            var migrator = Migrator.configure()
                    .source(source("clickhouse", NamingScheme.CLICKHOUSE))
                    .target(options)
                    .dryRun(dryRun)
                    .progress(listener(progress, dryRun, NamingScheme.CLICKHOUSE))
                    .load();
            if (migrate) {
                Results.MigrateResult result = migrator.migrate();
                return new StepReport(CLICKHOUSE, StepReport.Outcome.DONE, target, summary(result), millisSince(t0), result);
            }
            Results.StatusResult result = migrator.status();
            return new StepReport(CLICKHOUSE, StepReport.Outcome.DONE, target, summary(result), millisSince(t0), result);
        } catch (RuntimeException e) {
            return failed(CLICKHOUSE, target, e, t0);
        }
    }

    private StepReport catalogs(PostgresConnection postgres, Prepared prepared, boolean dryRun, int pendingMigrations,
                                Progress progress) {
        String target = postgres.describe();
        if (dryRun && pendingMigrations > 0) {
            return new StepReport(CATALOGS, StepReport.Outcome.SKIPPED, target, "skipped: " + pendingMigrations
                    + " PostgreSQL migration(s) are pending, so there are no catalog tables to compare with yet", 0, null);
        }
        progress.step(CATALOGS, target);
        long t0 = System.nanoTime();
        try {
            SeedResult result = SeedLoader.into(postgres.endpoint()).dryRun(dryRun).load(prepared.seeds());
            for (CatalogReport catalog : result.catalogs()) {
                progress.line(catalogLine(catalog, dryRun));
            }
            return new StepReport(CATALOGS, StepReport.Outcome.DONE, target, summary(result), millisSince(t0), result);
        } catch (RuntimeException e) {
            return failed(CATALOGS, target, e, t0);
        }
    }

    private MigrationSource source(String folder, NamingScheme scheme) {
        return migrations == null ? MigrationSource.packaged(scheme)
                : MigrationSource.directory(migrations.resolve(folder), scheme);
    }

    private static Configuration.Progress listener(Progress progress, boolean dryRun, NamingScheme scheme) {
        return new Configuration.Progress() {
            @Override
            public void applied(Results.Step step) {
                progress.line((dryRun ? "would apply " : "applied ") + scheme.format(step.version(), step.description())
                        + (dryRun ? "" : " (" + step.millis() + " ms)"));
            }

            @Override
            public void warning(String message) {
                progress.line("warning: " + message);
            }
        };
    }

    /** How many migrations a step applied (or, on a dry run, would apply). */
    /** How many PostgreSQL migrations the step found still to apply (would apply, or pending, failed or interrupted). */
    private static int pendingIn(StepReport step) {
        return switch (step.result()) {
            case Results.MigrateResult result -> result.applied().size();
            case Results.StatusResult result -> (int) result.migrations().stream().filter(row -> switch (row.state()) {
                case PENDING, FAILED, INTERRUPTED -> true;
                default -> false;
            }).count();
            case null, default -> 0;
        };
    }

    /**
     * The catalogs' step of {@code status} while PostgreSQL migrations are pending: their tables may not exist yet, and
     * the seed loader refuses a database that is not migrated, but for a report that is work to do, not a failure.
     */
    private static StepReport catalogsPending(PostgresConnection postgres, int pendingMigrations) {
        return new StepReport(CATALOGS, StepReport.Outcome.PENDING, postgres.describe(), "pending: " + pendingMigrations
                + " PostgreSQL migration(s) to apply first; 'migrate' applies them, then seeds the catalogs", 0, null);
    }

    static String summary(Results.MigrateResult result) {
        if (result.applied().isEmpty()) {
            return "up to date at version " + result.finalVersion() + ", nothing to apply";
        }
        return (result.dryRun() ? "would apply " : "applied ") + result.applied().size() + " migration(s): version "
                + result.initialVersion() + " -> " + result.finalVersion();
    }

    static String summary(Results.StatusResult result) {
        Map<MigrationPlan.State, Long> states = result.migrations().stream()
                .collect(Collectors.groupingBy(Results.StatusRow::state, java.util.TreeMap::new, Collectors.counting()));
        return "at version " + result.currentVersion() + "; " + states.entrySet().stream()
                .map(state -> state.getValue() + " " + state.getKey().name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    static String summary(SeedResult result) {
        return result.catalogs().stream().map(catalog -> catalogLine(catalog, result.dryRun()))
                .collect(Collectors.joining("; "));
    }

    private static String catalogLine(CatalogReport catalog, boolean dryRun) {
        return catalog.catalog() + ": " + catalog.inserted() + (dryRun ? " to insert, " : " inserted, ")
                + catalog.updated() + (dryRun ? " to update, " : " updated, ") + catalog.unchanged() + " unchanged"
                + (catalog.deleted() > 0 ? ", " + catalog.deleted() + (dryRun ? " to delete" : " deleted") : "");
    }

    private static StepReport failed(String step, String target, RuntimeException e, long t0) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new StepReport(step, StepReport.Outcome.FAILED, target, Redaction.url(message), millisSince(t0), null);
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
