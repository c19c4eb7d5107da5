package ai.crawbl.migrations.cli;

import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.Results;
import ai.crawbl.migrations.clickhouse.ClickHouse;
import ai.crawbl.migrations.clickhouse.ClickHouseConnection;
import ai.crawbl.migrations.lint.ClickHouseLint;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.ClickHouseTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code schema-migrations clickhouse migrate|status|validate|repair|baseline|lint|diff}: the same engine on the ClickHouse
 * migrations, against the ClickHouse that {@link ClickHouseConnection} chooses; with none, ClickHouse is skipped, as the
 * orchestrator does. Its commands take the ClickHouse options before or after their name, and no PostgreSQL option.
 */
@Command(name = "clickhouse", description = "Apply and check the ClickHouse migrations.", synopsisSubcommandLabel = "COMMAND",
        subcommands = {ClickHouseCommand.Migrate.class, ClickHouseCommand.Status.class, ClickHouseCommand.Validate.class,
                ClickHouseCommand.Repair.class, ClickHouseCommand.Baseline.class, ClickHouseCommand.Lint.class,
                ClickHouseDiff.class})
final class ClickHouseCommand {

    @ParentCommand
    SchemaMigrationsCli cli;

    @Spec
    CommandSpec spec;

    /** ClickHouse options given before the command's name. */
    @Mixin
    ClickHouseOptions clickHouse;

    /**
     * Runs {@code verb} on the chosen ClickHouse, or returns null (after saying so) when none is chosen; {@code options}
     * are the command's own, which win over those given before its name.
     */
    <T> T withMigrator(ClickHouseOptions options, boolean dryRun, Function<Migrator, T> verb) {
        List<String> postgresOnly = cli.postgres.given();
        if (!postgresOnly.isEmpty()) {
            throw new ParameterException(spec.commandLine(), String.join(", ", postgresOnly)
                    + " applies to the PostgreSQL commands, not to clickhouse; see 'clickhouse --help' for its options");
        }
        ClickHouseOptions.Settings settings = options.over(clickHouse);
        Optional<ClickHouse> chosen = ClickHouseConnection.open(settings.clickhouse(), Path.of(".crawbl", "clickhouse"), cli.env, settings.timeouts());
        if (chosen.isEmpty()) {
            String reason = "ClickHouse is not configured (no --clickhouse, no CRAWBL_CLICKHOUSE_URL)";
            cli.err.println(reason + ": skipped");
            if (cli.format == SchemaMigrationsCli.Format.json) {
                cli.out.println(Json.write(new SchemaMigrationsCli.Skipped(true, reason)));
            }
            return null;
        }
        try (ClickHouse target = chosen.get()) {
            ClickHouseTarget.Options on = ClickHouseTarget.at(target).database(settings.database()).cluster(settings.cluster());
            return verb.apply(Migrator.configure().source(cli.source("clickhouse", NamingScheme.CLICKHOUSE, false)).target(on)
                    .dryRun(dryRun).progress(cli.progress(dryRun, NamingScheme.CLICKHOUSE)).load());
        }
    }

    @Command(name = "migrate", description = "Apply pending ClickHouse migrations in order.")
    static final class Migrate implements Callable<Integer> {
        @ParentCommand
        ClickHouseCommand group;

        @Mixin
        ClickHouseOptions clickHouse;

        @Option(names = "--dry-run", description = "Show what would be applied; change nothing.")
        boolean dryRun;

        @Override
        public Integer call() {
            Results.MigrateResult result = group.withMigrator(clickHouse, dryRun, Migrator::migrate);
            return result == null ? 0 : group.cli.print(result, () -> Report.migrate(result, group.cli.out));
        }
    }

    @Command(name = "status", description = "List every ClickHouse migration with its state.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        ClickHouseCommand group;

        @Mixin
        ClickHouseOptions clickHouse;

        @Override
        public Integer call() {
            Results.StatusResult result = group.withMigrator(clickHouse, false, Migrator::status);
            return result == null ? 0 : group.cli.print(result, () -> Report.status(result, group.cli.out, NamingScheme.CLICKHOUSE));
        }
    }

    @Command(name = "validate", description = "Check that applied ClickHouse migrations match their files; exit 1 if not.")
    static final class Validate implements Callable<Integer> {
        @ParentCommand
        ClickHouseCommand group;

        @Mixin
        ClickHouseOptions clickHouse;

        @Override
        public Integer call() {
            Results.ValidateResult result = group.withMigrator(clickHouse, false, Migrator::validate);
            if (result == null) {
                return 0;
            }
            group.cli.print(result, () -> Report.validate(result, group.cli.out));
            return result.valid() ? 0 : 1;
        }
    }

    @Command(name = "repair", description = "Accept the ClickHouse files as they are: re-record checksums, drop rows of missing files and failed runs.")
    static final class Repair implements Callable<Integer> {
        @ParentCommand
        ClickHouseCommand group;

        @Mixin
        ClickHouseOptions clickHouse;

        @Option(names = "--force", description = "Repair even when that removes every applied migration from the history"
                + " (none of their files is in the folder).")
        boolean force;

        @Override
        public Integer call() {
            Results.RepairResult result = group.withMigrator(clickHouse, false, migrator -> migrator.repair(force));
            return result == null ? 0 : group.cli.print(result, () -> Report.repair(result, group.cli.out));
        }
    }

    @Command(name = "baseline", description = "Record that an existing ClickHouse database already holds everything up to a version.")
    static final class Baseline implements Callable<Integer> {
        @ParentCommand
        ClickHouseCommand group;

        @Mixin
        ClickHouseOptions clickHouse;

        @Option(names = "--version", required = true, paramLabel = "N", description = "The version the database is at.")
        int version;

        @Override
        public Integer call() {
            Results.BaselineResult result = group.withMigrator(clickHouse, false, migrator -> migrator.baseline(version));
            return result == null ? 0 : group.cli.print(result, () -> Report.baseline(result, group.cli.out));
        }
    }

    @Command(name = "lint", description = "Check the ClickHouse migrations folder against the conventions and the rules that keep production safe (migrations/LINT.md); exit 1 on errors.")
    static final class Lint implements Callable<Integer> {
        @ParentCommand
        ClickHouseCommand group;

        @Spec
        CommandSpec spec;

        @Mixin
        LintSeverityOptions severities;

        @Option(names = "--cluster", paramLabel = "NAME",
                description = "Lint for the engine's cluster mode (--cluster NAME of migrate); default: lint.properties' cluster, else none.")
        String cluster;

        @Override
        public Integer call() {
            ClickHouseLint lint = new ClickHouseLint();
            String chosen = cluster != null ? cluster : group.clickHouse.cluster;
            var options = severities.options(lint.rules(), spec.commandLine());
            return group.cli.lint("clickhouse", lint, chosen == null ? options : options.withCluster(chosen));
        }
    }
}
