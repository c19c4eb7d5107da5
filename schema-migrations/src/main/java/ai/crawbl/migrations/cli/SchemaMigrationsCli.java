package ai.crawbl.migrations.cli;

import ai.crawbl.migrations.Configuration;
import ai.crawbl.migrations.MigrationException;
import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.Results;
import ai.crawbl.migrations.lint.LintOptions;
import ai.crawbl.migrations.lint.LintOutput;
import ai.crawbl.migrations.lint.LintReport;
import ai.crawbl.migrations.lint.PostgresLint;
import ai.crawbl.migrations.postgres.PostgresConnection;
import ai.crawbl.migrations.postgres.Redaction;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.PostgresTarget;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code schema-migrations}: applies and inspects the orchestrator's migrations. A thin shell over {@link Migrator}.
 * Exit codes: 0 done, 1 failed or found problems, 2 bad usage. Every option is accepted before or after the name of
 * the command it applies to; each command shows and takes only the options that apply to it.
 */
@Command(name = "schema-migrations", version = "schema-migrations 0.1", synopsisSubcommandLabel = "COMMAND",
        description = "Applies and checks the orchestrator's PostgreSQL and ClickHouse migrations.",
        footer = {"%nOptions go before or after the command's name. The ClickHouse commands take their own: "
                + "schema-migrations clickhouse --help.", "Exit codes: 0 done, 1 failed or found problems, 2 bad usage."},
        subcommands = {SchemaMigrationsCli.Migrate.class, SchemaMigrationsCli.Status.class, SchemaMigrationsCli.Validate.class,
                SchemaMigrationsCli.Repair.class, SchemaMigrationsCli.Baseline.class, SchemaMigrationsCli.Lint.class,
                DiffCommand.class, ClickHouseCommand.class})
public final class SchemaMigrationsCli {

    /** Output formats. */
    enum Format { text, json, sarif }

    /** What {@code --format json} prints when a command fails: one object, alone on standard output. */
    record Failure(String error, int exitCode) {
    }

    /** What {@code --format json} prints when there is no ClickHouse to migrate. */
    record Skipped(boolean skipped, String reason) {
    }

    @Option(names = "--migrations", scope = ScopeType.INHERIT, paramLabel = "FOLDER",
            description = "The migrations tree, holding orchestrator/ and clickhouse/ (default: the one packaged in this jar).")
    Path migrations;

    @Option(names = "--dir", scope = ScopeType.INHERIT, paramLabel = "FOLDER",
            description = "The migrations folder itself, instead of orchestrator/ or clickhouse/ of the migrations tree.")
    Path dir;

    @Option(names = "--format", scope = ScopeType.INHERIT, defaultValue = "text", paramLabel = "text|json|sarif",
            description = "Output for people or for machines; with json a failure is one JSON object too; sarif (SARIF 2.1.0) is for lint only (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-h", "--help"}, scope = ScopeType.INHERIT, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print the version and exit.")
    boolean version;

    /** PostgreSQL options given before the command's name. */
    @Mixin
    PostgresOptions postgres;

    final PrintStream out;
    final PrintStream err;
    final Map<String, String> env;

    SchemaMigrationsCli(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the CLI and returns its exit code: 0 done, 1 failed or found problems, 2 bad usage. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, System.getenv());
    }

    /**
     * {@link #run(String[], PrintStream, PrintStream)} as the command {@code name} of another tool that passes its
     * commands on to this one (such as {@code crawbl platform orchestrator}), so that usage and help name that command;
     * {@code env} in place of the process's environment.
     */
    public static int runAs(String name, String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(name, args, out, err, env);
    }

    /** {@link #run(String[], PrintStream, PrintStream)} with {@code env} in place of the process's environment. */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run("schema-migrations", args, out, err, env);
    }

    private static int run(String name, String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        SchemaMigrationsCli cli = new SchemaMigrationsCli(out, err, env);
        CommandLine commandLine = new CommandLine(cli).setCommandName(name);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> cli.fail(Redaction.url(messageOf(e)), 1));
        commandLine.setParameterExceptionHandler(UsageError.of(out, args));
        commandLine.setExecutionStrategy(parsed -> {
            refuseSarifOutsideLint(cli.format == Format.sarif, parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        return commandLine.execute(args);
    }

    /** SARIF describes lint findings only: any other command refuses it, as a usage error, before doing anything. */
    public static void refuseSarifOutsideLint(boolean sarif, CommandLine.ParseResult parsed) {
        CommandLine command = parsed.asCommandLineList().getLast();
        if (sarif && !command.getCommandName().equals("lint") && !parsed.isUsageHelpRequested()
                && !parsed.isVersionHelpRequested()) {
            throw new CommandLine.ParameterException(command, "--format sarif is for lint only; use text or json");
        }
    }

    /** Reports a failure: on standard error for people, and as one JSON object on standard output with json. */
    private int fail(String message, int exitCode) {
        err.println("error: " + message);
        if (format == Format.json) {
            out.println(Json.write(new Failure(message, exitCode)));
        }
        return exitCode;
    }

    /**
     * The message of a failure: the toolkit's own as it is, followed by the {@link SettingOptions options} that set
     * what it names in words; anything else is a defect, said so, with its cause.
     */
    static String messageOf(Exception e) {
        if (e instanceof MigrationException || e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            return SettingOptions.withOptions(e.getMessage(), e, SettingOptions.SCHEMA_MIGRATIONS);
        }
        return "unexpected failure, please report it with the command you ran: " + e;
    }

    /** The folder of one engine's migrations: {@code --dir}, else {@code <--migrations>/<name>}, else none (the jar's). */
    Path folder(String name) {
        return dir != null ? dir : migrations != null ? migrations.resolve(name) : null;
    }

    MigrationSource source(String name, NamingScheme scheme, boolean ignoreDown) {
        Path folder = folder(name);
        MigrationSource source = folder == null
                ? MigrationSource.packaged(scheme)
                : MigrationSource.directory(folder, scheme);
        return ignoreDown ? source.ignoringDown() : source;
    }

    /**
     * Runs the migrations' lint on a folder and prints its report in the chosen format; 1 when it found an error
     * (warnings alone exit 0).
     */
    int lint(String name, ai.crawbl.migrations.lint.Lint lint, LintOptions options) {
        Path folder = folder(name);
        if (folder == null) {
            throw new IllegalArgumentException("lint needs --migrations FOLDER or --dir FOLDER (the folder to check)");
        }
        LintReport report;
        try {
            report = lint.run(folder, options);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot read " + folder + ": " + e.getMessage(), e);
        }
        switch (format) {
            case json -> out.println(LintOutput.json(List.of(report)).toPrettyString());
            case sarif -> out.println(LintOutput.sarif(List.of(report), lint.rules()).toPrettyString());
            case text -> LintOutput.text(List.of(report), out);
        }
        return report.failed() ? 1 : 0;
    }

    /** Progress lines as migrations finish (text output only) and warnings on standard error. */
    Configuration.Progress progress(boolean dryRun, NamingScheme scheme) {
        return new Configuration.Progress() {
            @Override
            public void applied(Results.Step step) {
                if (format == Format.text) {
                    out.println(Report.step(step, dryRun, scheme));
                }
            }

            @Override
            public void warning(String message) {
                err.println("warning: " + message);
            }
        };
    }

    /**
     * Runs {@code verb} against the configured PostgreSQL, with the embedded one started and stopped around it;
     * {@code options} are the command's own, which win over those given before its name.
     */
    <T> T withMigrator(PostgresOptions options, boolean dryRun, int targetVersion, Function<Migrator, T> verb) {
        PostgresOptions.Settings settings = options.over(postgres);
        try (PostgresConnection connection = PostgresConnection.open(settings.url(), settings.embeddedData(), env, settings.extensions())) {
            PostgresTarget.Options target = PostgresTarget.at(connection.endpoint().withTimeouts(settings.timeouts()))
                    .describedAs(connection.describe())
                    .schema(settings.schema()).lockWait(settings.lockWait()).lockTimeout(settings.lockTimeout())
                    .statementTimeout(settings.statementTimeout()).retries(settings.retries());
            return verb.apply(Migrator.configure().source(source("orchestrator", NamingScheme.POSTGRES, settings.ignoreDown()))
                    .target(target).dryRun(dryRun).targetVersion(targetVersion)
                    .progress(progress(dryRun, NamingScheme.POSTGRES)).load());
        }
    }

    int print(Object result, Runnable text) {
        if (format == Format.json) {
            out.println(Json.write(result));
        } else {
            text.run();
        }
        return 0;
    }

    @Command(name = "migrate", description = "Apply pending migrations in order.")
    static final class Migrate implements Callable<Integer> {
        @CommandLine.ParentCommand
        SchemaMigrationsCli cli;

        @Mixin
        PostgresOptions postgres;

        @Option(names = "--target", paramLabel = "VERSION", description = "Apply up to this version only.")
        Integer target;

        @Option(names = "--dry-run", description = "Show what would be applied; change nothing.")
        boolean dryRun;

        @Option(names = "--check-drift", description = "First compare the database with its migrations (see diff); refuse to start when it has drifted.")
        boolean checkDrift;

        @Mixin
        DriftOptions drift;

        @Override
        public Integer call() {
            if (checkDrift) {
                DiffCommand.refuseDrifted(cli, postgres, drift);
            }
            Results.MigrateResult result = cli.withMigrator(postgres, dryRun, target == null ? Integer.MAX_VALUE : target,
                    Migrator::migrate);
            return cli.print(result, () -> Report.migrate(result, cli.out));
        }
    }

    @Command(name = "status", description = "List every migration with its state.")
    static final class Status implements Callable<Integer> {
        @CommandLine.ParentCommand
        SchemaMigrationsCli cli;

        @Mixin
        PostgresOptions postgres;

        @Option(names = "--check-drift", description = "Also compare the database with its migrations (see diff); exit 1 when it has drifted.")
        boolean checkDrift;

        @Mixin
        DriftOptions drift;

        @Override
        public Integer call() {
            Results.StatusResult result = cli.withMigrator(postgres, false, Integer.MAX_VALUE, Migrator::status);
            if (checkDrift) {
                return DiffCommand.statusWithDrift(cli, postgres, drift, result);
            }
            return cli.print(result, () -> Report.status(result, cli.out, NamingScheme.POSTGRES));
        }
    }

    @Command(name = "validate", description = "Check that applied migrations match their files; exit 1 if not.")
    static final class Validate implements Callable<Integer> {
        @CommandLine.ParentCommand
        SchemaMigrationsCli cli;

        @Mixin
        PostgresOptions postgres;

        @Override
        public Integer call() {
            Results.ValidateResult result = cli.withMigrator(postgres, false, Integer.MAX_VALUE, Migrator::validate);
            cli.print(result, () -> Report.validate(result, cli.out));
            return result.valid() ? 0 : 1;
        }
    }

    @Command(name = "repair", description = "Accept the files as they are: re-record checksums, drop rows of missing files and failed runs.")
    static final class Repair implements Callable<Integer> {
        @CommandLine.ParentCommand
        SchemaMigrationsCli cli;

        @Mixin
        PostgresOptions postgres;

        @Option(names = "--force", description = "Repair even when that removes every applied migration from the history"
                + " (none of their files is in the folder).")
        boolean force;

        @Override
        public Integer call() {
            Results.RepairResult result = cli.withMigrator(postgres, false, Integer.MAX_VALUE, migrator -> migrator.repair(force));
            return cli.print(result, () -> Report.repair(result, cli.out));
        }
    }

    @Command(name = "baseline", description = "Record that an existing database already holds everything up to a version.")
    static final class Baseline implements Callable<Integer> {
        @CommandLine.ParentCommand
        SchemaMigrationsCli cli;

        @Mixin
        PostgresOptions postgres;

        @Option(names = "--version", required = true, paramLabel = "N", description = "The version the database is at.")
        int version;

        @Override
        public Integer call() {
            Results.BaselineResult result = cli.withMigrator(postgres, false, Integer.MAX_VALUE, migrator -> migrator.baseline(version));
            return cli.print(result, () -> Report.baseline(result, cli.out));
        }
    }

    @Command(name = "lint", description = "Check the migrations folder against the conventions and the rules that keep production safe (migrations/LINT.md); exit 1 on errors.")
    static final class Lint implements Callable<Integer> {
        @CommandLine.ParentCommand
        SchemaMigrationsCli cli;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        LintSeverityOptions severities;

        @Override
        public Integer call() {
            PostgresLint lint = new PostgresLint();
            return cli.lint("orchestrator", lint, severities.options(lint.rules(), spec.commandLine()));
        }
    }

}
