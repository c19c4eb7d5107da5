package ai.crawbl.migrations.cli;

import ai.crawbl.migrations.MigrationException;
import ai.crawbl.migrations.Results;
import ai.crawbl.migrations.drift.DriftReport;
import ai.crawbl.migrations.drift.PostgresDriftCheck;
import ai.crawbl.migrations.drift.PostgresDriftCheck.Scratch;
import ai.crawbl.migrations.postgres.PostgresConnection;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.PostgresTarget;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code schema-migrations diff}: does the live PostgreSQL database hold what its migrations say? Exit 0 when it does,
 * 1 on drift (or failure), 2 on bad usage. Also the drift check behind {@code status --check-drift} and
 * {@code migrate --check-drift}.
 */
@Command(name = "diff", description = "Compare the database with a throwaway one migrated to the version its history records,"
        + " object by object; exit 1 on drift. Reads only.")
final class DiffCommand implements Callable<Integer> {

    @ParentCommand
    SchemaMigrationsCli cli;

    @Mixin
    PostgresOptions postgres;

    @Mixin
    DriftOptions drift;

    /** What {@code status --check-drift --format json} prints: both, in one object. */
    record StatusAndDrift(Results.StatusResult status, DriftText.Json drift) {
    }

    @Override
    public Integer call() {
        DriftReport report = check(cli, postgres, drift);
        cli.print(DriftText.Json.of(report), () -> DriftText.print(report, cli.out));
        return report.equal() ? 0 : 1;
    }

    /**
     * The drift check of the database {@code options} name (those given before the command's name filling in), with
     * the throwaway database where {@code --scratch} says, else where {@link Scratch#defaultFor} puts it.
     */
    static DriftReport check(SchemaMigrationsCli cli, PostgresOptions options, DriftOptions drift) {
        PostgresOptions.Settings settings = options.over(cli.postgres);
        try (PostgresConnection connection = PostgresConnection.open(settings.url(), settings.embeddedData(), cli.env)) {
            PostgresTarget.Options live = PostgresTarget.at(connection.endpoint().withTimeouts(settings.timeouts()))
                    .describedAs(connection.describe()).schema(settings.schema());
            return new PostgresDriftCheck(cli.source("orchestrator", NamingScheme.POSTGRES, settings.ignoreDown()), live,
                    drift.scratch(Scratch.defaultFor(connection.server())), drift.ignoring(), drift.version()).run();
        }
    }

    /**
     * For {@code migrate --check-drift}: refuses, naming every difference, when the database has drifted. A database
     * with nothing applied yet has nothing to drift from, and is migrated as usual.
     */
    static void refuseDrifted(SchemaMigrationsCli cli, PostgresOptions options, DriftOptions drift) {
        DriftReport report = check(cli, options, drift);
        if (report.recorded() && !report.equal()) {
            throw new MigrationException("refusing to migrate " + report.live() + ": it has drifted from its migrations at version "
                    + report.version() + ":\n  " + String.join("\n  ", report.drift().lines())
                    + "\nNothing was changed. Undo those changes by hand, or write a migration that makes them, then migrate again;"
                    + " 'diff' shows them, and its --ignore options leave out what is meant to differ.");
        }
    }

    /** For {@code status --check-drift}: prints the status and the drift report; 1 when the database has drifted. */
    static int statusWithDrift(SchemaMigrationsCli cli, PostgresOptions options, DriftOptions drift, Results.StatusResult status) {
        DriftReport report = check(cli, options, drift);
        cli.print(new StatusAndDrift(status, DriftText.Json.of(report)), () -> {
            Report.status(status, cli.out, NamingScheme.POSTGRES);
            DriftText.print(report, cli.out);
        });
        return report.equal() ? 0 : 1;
    }
}
