package ai.crawbl.orchestrator;

import ai.crawbl.migrations.MigrationException.Setting;
import ai.crawbl.migrations.cli.DriftOptions;
import ai.crawbl.migrations.cli.DriftText;
import ai.crawbl.migrations.cli.LintSeverityOptions;
import ai.crawbl.migrations.cli.SchemaMigrationsCli;
import ai.crawbl.migrations.lint.ClickHouseLint;
import ai.crawbl.migrations.lint.LintOptions;
import ai.crawbl.migrations.lint.LintOutput;
import ai.crawbl.migrations.lint.LintReport;
import ai.crawbl.migrations.lint.PostgresLint;
import ai.crawbl.migrations.lint.Rule;
import ai.crawbl.migrations.cli.SettingOptions;
import ai.crawbl.migrations.cli.UsageError;
import ai.crawbl.migrations.postgres.ProvisionedExtensions;
import ai.crawbl.migrations.postgres.Redaction;
import ai.crawbl.seed.cli.SeedLoaderCli;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Unmatched;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code crawbl platform orchestrator}: the orchestrator's databases in one command. {@code migrate} and
 * {@code status} cover PostgreSQL, ClickHouse and the catalogs in this process with one report; {@code seed} is the
 * seed loader; {@code validate}, {@code repair}, {@code baseline} and {@code clickhouse} are the engine's own commands.
 */
@Command(name = "crawbl platform orchestrator", mixinStandardHelpOptions = true, version = "crawbl platform orchestrator 0.1",
        description = "The orchestrator's databases: PostgreSQL migrations, then ClickHouse migrations, then the seed catalogs.",
        subcommands = {OrchestratorCli.Migrate.class, OrchestratorCli.Status.class, OrchestratorCli.Seed.class,
                OrchestratorCli.Lint.class, OrchestratorCli.Validate.class, OrchestratorCli.Repair.class,
                OrchestratorCli.Baseline.class, OrchestratorCli.ClickHouse.class, OrchestratorCli.Diff.class},
        footer = {"", "Also: ./crawbl platform orchestrator codegen regenerates the jOOQ classes from the migrations.",
                "Exit codes: 0 done, 1 failed or found problems, 2 bad usage."})
public final class OrchestratorCli implements Callable<Integer> {

    /** The command as a person types it; the engine's and the loader's usage lines name it too. */
    static final String NAME = "crawbl platform orchestrator";

    /** Output formats. */
    enum Format { text, json, sarif }

    @Option(names = "--url", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "PostgreSQL: jdbc:postgresql://… or postgres://… (default: CRAWBL_DATABASE_URL, then PGHOST/PGPORT/PGDATABASE, then the embedded PostgreSQL).")
    String url;

    @Option(names = "--embedded-data", scope = ScopeType.INHERIT, paramLabel = "FOLDER",
            description = "Data folder of the embedded PostgreSQL (default: .crawbl/postgres, or a folder the postgres user can reach).")
    Path embeddedData;

    @Option(names = "--extensions", scope = ScopeType.INHERIT, paramLabel = "NAMES",
            description = "Extensions the embedded PostgreSQL database gets in schema public before its first migration, as a "
                    + "managed server's administrator would have created them; comma-separated, 'none' for none (default: "
                    + "vector). Never applied to a database named by --url or the environment.")
    String extensions;

    @Option(names = "--clickhouse", scope = ScopeType.INHERIT, paramLabel = "embedded[:PATH]|URL",
            description = "ClickHouse: embedded (chDB, data in .crawbl/clickhouse), embedded:PATH or a server's JDBC URL (default: CRAWBL_CLICKHOUSE_URL, else embedded when PostgreSQL is embedded, else skipped).")
    String clickhouse;

    @Option(names = "--migrations", scope = ScopeType.INHERIT, paramLabel = "FOLDER",
            description = "The migrations tree, holding orchestrator/ and clickhouse/. ./crawbl passes the checkout's migrations/,"
                    + " so edits count without a rebuild; without this option, the copy packaged in the jar when it was built.")
    Path migrations;

    @Option(names = "--seed-dir", scope = ScopeType.INHERIT, paramLabel = "FOLDER",
            description = "The folder of the seed files (tools.json, models.json, usage_plans.json). ./crawbl passes the checkout's"
                    + " migrations/orchestrator/seed; without this option, the copies packaged in the jar when it was built.")
    Path seedDir;

    @Option(names = "--format", scope = ScopeType.INHERIT, defaultValue = "text", paramLabel = "text|json|sarif",
            description = "Output for people or for machines; with json a failure is one JSON object too; sarif (SARIF 2.1.0) is for lint only (default: ${DEFAULT-VALUE}).")
    Format format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    OrchestratorCli(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System.getenv()));
    }

    /** Runs the command and returns its exit code: 0 done, 1 failed, 2 bad usage. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        OrchestratorCli cli = new OrchestratorCli(out, err, env);
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setParameterExceptionHandler(UsageError.of(out, args));
        commandLine.setExecutionExceptionHandler((e, command, parsed) -> {
            String message = Redaction.url(SettingOptions.withOptions(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                    e, Map.of(Setting.EMBEDDED_DATA, "--embedded-data")));
            err.println("error: " + message);
            if (cli.format == Format.json) {
                ObjectNode error = JSON.createObjectNode().put("error", message).put("exitCode", 1);
                out.println(error.toPrettyString());
            }
            return 1;
        });
        commandLine.setExecutionStrategy(parsed -> {
            CommandLine last = parsed.asCommandLineList().getLast();
            boolean clickHouseLint = last.getCommandName().equals("clickhouse") && last.getUnmatchedArguments().contains("lint");
            SchemaMigrationsCli.refuseSarifOutsideLint(cli.format == Format.sarif && !clickHouseLint, parsed);
            return new CommandLine.RunLast().execute(parsed);
        });
        return commandLine.execute(args);
    }

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    /** Without a command there is nothing to do: a usage error. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: migrate, status, seed, lint, validate, repair, baseline or clickhouse");
    }

    OrchestratorDrift drift(DriftOptions options) {
        return new OrchestratorDrift(databases(), options.scratch(null), options.ignoring(), options.version());
    }

    OrchestratorDatabases databases() {
        return new OrchestratorDatabases(url, embeddedData, ProvisionedExtensions.parse(extensions), clickhouse, migrations, seedDir, env);
    }

    /** Progress lines on standard error while steps run (text output only). */
    OrchestratorDatabases.Progress progress() {
        if (format == Format.json) {
            return OrchestratorDatabases.Progress.SILENT;
        }
        return new OrchestratorDatabases.Progress() {
            @Override
            public void step(String step, String target) {
                err.println(step + ": " + target);
            }

            @Override
            public void line(String text) {
                err.println("  " + text);
            }
        };
    }

    int print(PlatformReport report) {
        if (format == Format.json) {
            try {
                out.println(JSON.writeValueAsString(report));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot render JSON: " + e.getMessage(), e);
            }
        } else {
            for (StepReport step : report.steps()) {
                out.printf("%-11s %-8s %s%s%n", step.step(), step.outcome().name().toLowerCase(java.util.Locale.ROOT),
                        step.summary(), step.outcome() == StepReport.Outcome.DONE ? " (" + step.millis() + " ms)" : "");
            }
            out.printf("%s%s: %s in %d ms%n", report.command(), report.dryRun() && report.command().equals("migrate") ? " --dry-run" : "",
                    report.succeeded() ? "done" : "failed", report.millis());
        }
        return report.succeeded() ? 0 : 1;
    }

    /** The options of this command that the engine's or the loader's own CLI understands, to pass them on. */
    List<String> passed(boolean postgres, boolean clickHouse, boolean seeds) {
        List<String> args = new ArrayList<>(List.of("--format", format.name()));
        if (postgres && url != null) {
            args.addAll(List.of("--url", url));
        }
        if (postgres && embeddedData != null) {
            args.addAll(List.of("--embedded-data", embeddedData.toString()));
        }
        if (postgres && !seeds && extensions != null) {
            args.addAll(List.of("--extensions", extensions));
        }
        if (clickHouse && clickhouse != null) {
            args.addAll(List.of("--clickhouse", clickhouse));
        }
        if (!seeds && migrations != null) {
            args.addAll(List.of("--migrations", migrations.toString()));
        }
        if (seeds && seedDir != null) {
            args.addAll(List.of("--seed-dir", seedDir.toString()));
        }
        return args;
    }

    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Apply pending PostgreSQL migrations, then ClickHouse migrations, then upsert the seed catalogs; one report.")
    static final class Migrate implements Callable<Integer> {
        @ParentCommand
        OrchestratorCli cli;

        @Option(names = "--dry-run", description = "Show what each step would do; change nothing anywhere.")
        boolean dryRun;

        @Option(names = "--check-drift", description = "First compare both databases with their migrations (see diff); refuse to start when either has drifted.")
        boolean checkDrift;

        @CommandLine.Mixin
        DriftOptions drift;

        @Override
        public Integer call() {
            if (checkDrift) {
                cli.drift(drift).refuseIfDrifted();
            }
            return cli.print(cli.databases().migrate(dryRun, cli.progress()));
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Both databases' migration state and what seeding the catalogs would change; changes nothing.")
    static final class Status implements Callable<Integer> {
        @ParentCommand
        OrchestratorCli cli;

        @Option(names = "--check-drift", description = "Also compare both databases with their migrations (see diff); exit 1 when either has drifted.")
        boolean checkDrift;

        @CommandLine.Mixin
        DriftOptions drift;

        /** What {@code status --check-drift --format json} prints: both, in one object. */
        record StatusAndDrift(PlatformReport status, Diff.Json drift) {
        }

        @Override
        public Integer call() {
            PlatformReport status = cli.databases().status(cli.progress());
            if (!checkDrift) {
                return cli.print(status);
            }
            OrchestratorDrift.Result result = cli.drift(drift).check();
            if (cli.format == Format.json) {
                cli.out.println(JSON.valueToTree(new StatusAndDrift(status, Diff.json(result))).toPrettyString());
            } else {
                cli.print(status);
                Diff.text(result, cli.out);
            }
            return status.succeeded() && result.equal() ? 0 : 1;
        }
    }

    /** A command another CLI of the toolkit implements; its arguments and {@code --help} go to that CLI. */
    abstract static class Delegated implements Callable<Integer> {
        @ParentCommand
        OrchestratorCli cli;

        @Unmatched
        List<String> arguments = new ArrayList<>();

        /** The other CLI's arguments: its command, these arguments, and the options of ours that apply to it. */
        abstract int delegate(OrchestratorCli cli, List<String> arguments);

        @Override
        public Integer call() {
            return delegate(cli, arguments);
        }
    }

    private static int engine(OrchestratorCli cli, String verb, List<String> arguments, boolean postgres, boolean clickHouse) {
        List<String> args = new ArrayList<>(List.of(verb));
        args.addAll(cli.passed(postgres, clickHouse, false));
        args.addAll(arguments);
        return SchemaMigrationsCli.runAs(NAME, args.toArray(String[]::new), cli.out, cli.err, cli.env);
    }

    @Command(name = "seed", description = "Upsert the seed catalogs only (the seed loader; see seed --help).")
    static final class Seed extends Delegated {
        @Override
        int delegate(OrchestratorCli cli, List<String> arguments) {
            List<String> args = new ArrayList<>(cli.passed(true, false, true));
            args.addAll(arguments);
            return SeedLoaderCli.runAs(NAME + " seed", args.toArray(String[]::new), cli.out, cli.err, cli.env);
        }
    }

    @Command(name = "validate", description = "Check that applied PostgreSQL migrations match their files (see validate --help).")
    static final class Validate extends Delegated {
        @Override
        int delegate(OrchestratorCli cli, List<String> arguments) {
            return engine(cli, "validate", arguments, true, false);
        }
    }

    @Command(name = "repair", description = "Accept the PostgreSQL migration files as they are (see repair --help).")
    static final class Repair extends Delegated {
        @Override
        int delegate(OrchestratorCli cli, List<String> arguments) {
            return engine(cli, "repair", arguments, true, false);
        }
    }

    @Command(name = "baseline", description = "Record that an existing PostgreSQL database holds everything up to a version (see baseline --help).")
    static final class Baseline extends Delegated {
        @Override
        int delegate(OrchestratorCli cli, List<String> arguments) {
            return engine(cli, "baseline", arguments, true, false);
        }
    }

    @Command(name = "clickhouse", description = "The engine's ClickHouse commands: migrate, status, validate, repair, baseline, lint (see clickhouse --help).")
    static final class ClickHouse extends Delegated {
        @Override
        int delegate(OrchestratorCli cli, List<String> arguments) {
            List<String> args = new ArrayList<>(List.of("clickhouse"));
            args.addAll(arguments);
            args.addAll(cli.passed(false, true, false));
            return SchemaMigrationsCli.runAs(NAME, args.toArray(String[]::new), cli.out, cli.err, cli.env);
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "Compare both databases with throwaway ones migrated to the versions their histories record; exit 1 on drift. Reads only.")
    static final class Diff implements Callable<Integer> {
        @ParentCommand
        OrchestratorCli cli;

        @CommandLine.Mixin
        DriftOptions drift;

        /** What {@code diff --format json} prints: both reports in one object. */
        record Json(boolean equal, DriftText.Json postgres, Object clickhouse) {
        }

        @Override
        public Integer call() {
            OrchestratorDrift.Result result = cli.drift(drift).check();
            if (cli.format == Format.json) {
                cli.out.println(JSON.valueToTree(json(result)).toPrettyString());
            } else {
                text(result, cli.out);
            }
            return result.equal() ? 0 : 1;
        }

        static Json json(OrchestratorDrift.Result result) {
            Object clickHouse = result.clickHouse() != null ? DriftText.Json.of(result.clickHouse())
                    : JSON.createObjectNode().put("skipped", true).put("reason", result.clickHouseSkipped());
            return new Json(result.equal(), DriftText.Json.of(result.postgres()), clickHouse);
        }

        static void text(OrchestratorDrift.Result result, PrintStream out) {
            out.println("postgres:");
            DriftText.print(result.postgres(), out);
            out.println("clickhouse:");
            if (result.clickHouse() != null) {
                DriftText.print(result.clickHouse(), out);
            } else {
                out.println(result.clickHouseSkipped() + ": skipped");
            }
        }
    }

    @Command(name = "lint", mixinStandardHelpOptions = true,
            description = "Check both migration folders against the conventions and the rules that keep production safe (migrations/LINT.md), and the seed files against their schemas; one report; exit 1 on errors.")
    static final class Lint implements Callable<Integer> {
        @ParentCommand
        OrchestratorCli cli;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Mixin
        LintSeverityOptions severities;

        @Option(names = "--cluster", paramLabel = "NAME",
                description = "Lint the ClickHouse files for the engine's cluster mode (default: clickhouse/lint.properties' cluster, else none).")
        String cluster;

        @Override
        public Integer call() throws java.io.IOException {
            if (cli.migrations == null) {
                throw new IllegalArgumentException("lint needs --migrations FOLDER (the migrations tree to check)");
            }
            PostgresLint postgres = new PostgresLint();
            ClickHouseLint clickHouse = new ClickHouseLint();
            List<Rule> rules = new ArrayList<>(postgres.rules());
            rules.addAll(clickHouse.rules());
            rules.add(SeedLint.SEED_FILE);
            LintOptions options = severities.options(rules, spec.commandLine());
            Path seeds = cli.seedDir != null ? cli.seedDir : cli.migrations.resolve("orchestrator").resolve("seed");
            List<LintReport> reports = List.of(postgres.run(cli.migrations.resolve("orchestrator"), options),
                    clickHouse.run(cli.migrations.resolve("clickhouse"), cluster == null ? options : options.withCluster(cluster)),
                    SeedLint.check(seeds));
            switch (cli.format) {
                case json -> cli.out.println(LintOutput.json(reports).toPrettyString());
                case sarif -> cli.out.println(LintOutput.sarif(reports, rules).toPrettyString());
                case text -> LintOutput.text(reports, cli.out);
            }
            return reports.stream().anyMatch(LintReport::failed) ? 1 : 0;
        }
    }
}
