package ai.crawbl.migrations.cli;

import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.NamingScheme;
import ai.crawbl.migrations.Results;
import ai.crawbl.migrations.clickhouse.ClickHouse;
import ai.crawbl.migrations.clickhouse.ClickHouseServer;
import ai.crawbl.migrations.clickhouse.ClickHouseTarget;
import ai.crawbl.migrations.clickhouse.EmbeddedClickHouse;
import ai.crawbl.migrations.clickhouse.ExternalClickHouse;
import ai.crawbl.migrations.lint.ClickHouseLint;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code schema-migrations clickhouse migrate|status|validate|lint}: the same engine on the ClickHouse migrations.
 * The target is {@code --clickhouse embedded[:PATH]} (chDB in this process), or a server from
 * {@code --clickhouse URL} or {@code CRAWBL_CLICKHOUSE_URL}; with none, ClickHouse is skipped, as the orchestrator does.
 */
@Command(name = "clickhouse", description = "Apply and check the ClickHouse migrations.",
        subcommands = {ClickHouseCommand.Migrate.class, ClickHouseCommand.Status.class, ClickHouseCommand.Validate.class,
                ClickHouseCommand.Lint.class})
final class ClickHouseCommand {

    @ParentCommand
    SchemaMigrationsCli cli;

    @Option(names = "--clickhouse", paramLabel = "embedded[:PATH]|URL",
            description = "embedded (chDB, data in .crawbl/clickhouse), embedded:PATH, or a server's JDBC URL (default: CRAWBL_CLICKHOUSE_URL).")
    String clickhouse;

    @Option(names = "--database", defaultValue = "crawbl", description = "Target database, created if missing (default: ${DEFAULT-VALUE}).")
    String database;

    @Option(names = "--cluster", paramLabel = "NAME", description = "Render DDL ON CLUSTER NAME and replicate the history table.")
    String cluster;

    /** Runs {@code verb} on the configured ClickHouse, or returns null (after saying so) when none is configured. */
    <T> T withMigrator(boolean dryRun, Function<Migrator, T> verb) {
        try (ClickHouse target = open(cli.env)) {
            if (target == null) {
                cli.err.println("ClickHouse is not configured (no --clickhouse, no CRAWBL_CLICKHOUSE_URL): skipped");
                return null;
            }
            ClickHouseTarget.Options options = ClickHouseTarget.at(target).database(database).cluster(cluster);
            return verb.apply(Migrator.configure().source(cli.source("clickhouse", NamingScheme.CLICKHOUSE)).target(options)
                    .dryRun(dryRun).progress(cli.progress(dryRun, NamingScheme.CLICKHOUSE)).load());
        }
    }

    private ClickHouse open(Map<String, String> env) {
        String choice = clickhouse != null ? clickhouse : env.get("CRAWBL_CLICKHOUSE_URL");
        if (choice == null || choice.isBlank()) {
            return null;
        }
        if (choice.equals("embedded")) {
            return EmbeddedClickHouse.open(Path.of(".crawbl", "clickhouse").toAbsolutePath());
        }
        if (choice.startsWith("embedded:")) {
            return EmbeddedClickHouse.open(Path.of(choice.substring("embedded:".length())).toAbsolutePath());
        }
        ClickHouseServer fromEnv = ClickHouseServer.fromEnvironment(env);
        return ExternalClickHouse.connect(clickhouse == null ? fromEnv
                : new ClickHouseServer(choice, env.get("CRAWBL_CLICKHOUSE_USER"), env.get("CRAWBL_CLICKHOUSE_PASSWORD")));
    }

    @Command(name = "migrate", description = "Apply pending ClickHouse migrations in order.")
    static final class Migrate implements Callable<Integer> {
        @ParentCommand
        ClickHouseCommand clickHouse;

        @Option(names = "--dry-run", description = "Show what would be applied; change nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            Results.MigrateResult result = clickHouse.withMigrator(dryRun, Migrator::migrate);
            return result == null ? 0 : clickHouse.cli.print(result, () -> Report.migrate(result, clickHouse.cli.out));
        }
    }

    @Command(name = "status", description = "List every ClickHouse migration with its state.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        ClickHouseCommand clickHouse;

        @Override
        public Integer call() {
            Results.StatusResult result = clickHouse.withMigrator(false, Migrator::status);
            return result == null ? 0 : clickHouse.cli.print(result, () -> Report.status(result, clickHouse.cli.out, NamingScheme.CLICKHOUSE));
        }
    }

    @Command(name = "validate", description = "Check that applied ClickHouse migrations match their files; exit 1 if not.")
    static final class Validate implements Callable<Integer> {
        @ParentCommand
        ClickHouseCommand clickHouse;

        @Override
        public Integer call() {
            Results.ValidateResult result = clickHouse.withMigrator(false, Migrator::validate);
            if (result == null) {
                return 0;
            }
            clickHouse.cli.print(result, () -> Report.validate(result, clickHouse.cli.out));
            return result.valid() ? 0 : 1;
        }
    }

    @Command(name = "lint", description = "Check the ClickHouse migrations folder against the conventions; exit 1 on findings.")
    static final class Lint implements Callable<Integer> {
        @ParentCommand
        ClickHouseCommand clickHouse;

        @Override
        public Integer call() {
            return clickHouse.cli.lint("clickhouse", new ClickHouseLint());
        }
    }
}
