package ai.crawbl.seed.cli;

import ai.crawbl.migrations.MigrationException.Setting;
import ai.crawbl.migrations.cli.SettingOptions;
import ai.crawbl.migrations.cli.UsageError;
import ai.crawbl.migrations.postgres.EmbeddedPostgresException;
import ai.crawbl.migrations.postgres.PostgresConnection;
import ai.crawbl.migrations.postgres.Redaction;
import ai.crawbl.seed.SeedException;
import ai.crawbl.seed.SeedFileException;
import ai.crawbl.seed.SeedLoader;
import ai.crawbl.seed.SeedResult;
import ai.crawbl.seed.SeedSource;
import ai.crawbl.seed.Seeds;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code seed-loader}: checks the catalog seed files and upserts them into the orchestrator's database. A thin shell
 * over {@link SeedLoader}; exit 0 done, 1 bad seed files or a database that refused, 2 bad usage.
 */
@Command(name = "seed-loader", mixinStandardHelpOptions = true, version = "seed-loader 0.1", sortOptions = false,
        subcommands = SchemaCommand.class,
        description = {"Checks the seed folder's catalog files (<table>.json, and what manifest.json declares) and upserts "
                + "them into their orchestrator tables, in one transaction, in foreign-key order, writing only rows that differ.",
                "A row keeps its id forever; a new row's id is a name-based UUID of its natural key, the same in every environment."})
public final class SeedLoaderCli implements Callable<Integer> {

    /** Output formats. */
    enum Format { text, json }

    @Option(names = "--seed-dir", paramLabel = "FOLDER",
            description = "Folder holding the catalogs' seed files and manifest.json (default: the copies packaged in this jar).")
    Path seedDir;

    @Option(names = "--url", paramLabel = "URL",
            description = "jdbc:postgresql://… or postgres://… (default: CRAWBL_DATABASE_URL, then PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE, then the embedded PostgreSQL).")
    String url;

    @Option(names = "--embedded-data", paramLabel = "FOLDER",
            description = "Data folder of the embedded PostgreSQL (default: .crawbl/postgres here, or a folder the postgres user can reach).")
    Path embeddedData;

    @Option(names = "--dry-run", description = "Print, row by row, what would be inserted, updated or deleted; write nothing.")
    boolean dryRun;

    @Option(names = "--prune", description = "Load every upsert catalog in mode sync: also delete catalog rows that are in no file; refused while another table references one.")
    boolean prune;

    @Option(names = "--environment", paramLabel = "NAME",
            description = "Also load the overlay folder NAME inside the seed folder (e.g. dev), on top of the base files.")
    String environment;

    @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = "--max-file-size", defaultValue = "" + Seeds.DEFAULT_MAX_FILE_BYTES, paramLabel = "BYTES",
            description = "Refuse seed files larger than this (default: ${DEFAULT-VALUE}).")
    long maxFileBytes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;

    SeedLoaderCli(PrintStream out, PrintStream err, Map<String, String> env) {
        this.out = out;
        this.err = err;
        this.env = env;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err, System.getenv()));
    }

    /** Runs the CLI with the database chosen from {@code env} as the engine's CLI does, and returns its exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return runAs("seed-loader", args, out, err, env);
    }

    /**
     * {@link #run} as the command {@code name} of another tool that passes it on to this one (such as
     * {@code crawbl platform orchestrator seed}), so that usage and help name that command.
     */
    public static int runAs(String name, String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        CommandLine commandLine = new CommandLine(new SeedLoaderCli(out, err, env)).setCommandName(name);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setParameterExceptionHandler(UsageError.of(out, args));
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            String message = e instanceof SeedException || e instanceof EmbeddedPostgresException
                    || e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    ? SettingOptions.withOptions(e.getMessage(), e, Map.of(Setting.EMBEDDED_DATA, "--embedded-data"))
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            err.println("error: " + Redaction.url(message));
            if (((SeedLoaderCli) cmd.getCommand()).format == Format.json) {
                out.println(new Report().error(Redaction.url(message)));
            }
            return 1;
        });
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        if (maxFileBytes < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--max-file-size must be 1 or more");
        }
        SeedSource source = seedDir == null ? SeedSource.packaged() : SeedSource.directory(seedDir);
        SeedResult result;
        try (PostgresConnection connection = PostgresConnection.open(url, embeddedData, env)) {
            result = SeedLoader.into(connection.endpoint()).describedAs(connection.describe()).dryRun(dryRun).prune(prune)
                    .environment(environment).maxFileBytes(maxFileBytes).load(source);
        } catch (SeedFileException e) {
            return problems(e);
        }
        if (format == Format.json) {
            out.println(new Report().json(result));
        } else {
            new Report().text(result, out);
        }
        return 0;
    }

    private int problems(SeedFileException e) {
        e.problems().forEach(problem -> err.println("error: " + problem));
        err.println("Fix the seed files and run again; nothing was written.");
        if (format == Format.json) {
            out.println(new Report().problems(e.problems()));
        }
        return 1;
    }
}
