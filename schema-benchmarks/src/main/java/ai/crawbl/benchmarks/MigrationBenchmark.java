package ai.crawbl.benchmarks;

import ai.crawbl.migrations.postgres.EmbeddedPostgres;
import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.process.ProcessRun;
import ai.crawbl.migrations.source.Migration;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Cold-process wall times of {@code schema-migrations migrate} against Flyway 13 and psql on the same migrations and
 * fresh databases of one embedded PostgreSQL, printed as medians with ratios to Flyway measured in the same run.
 * Run with {@code ./crawbl bench} (arguments: the checkout folder, repetitions).
 */
public final class MigrationBenchmark {

    /** The JVM flags ./crawbl starts the CLI with (besides the AOT cache). */
    private static final List<String> LAUNCHER_FLAGS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData");

    private final Path root;
    private final int repetitions;
    private final EmbeddedPostgres postgres;
    private final Path work;
    private int databases;

    private MigrationBenchmark(Path root, int repetitions, EmbeddedPostgres postgres, Path work) {
        this.root = root;
        this.repetitions = repetitions;
        this.postgres = postgres;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int repetitions = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path work = Files.createTempDirectory("crawbl-bench-");
        try (EmbeddedPostgres postgres = EmbeddedPostgres.throwaway().start()) {
            new MigrationBenchmark(root, repetitions, postgres, work).run();
        } finally {
            try (var paths = Files.walk(work)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** One way of applying a folder: a command line for a database and a folder. */
    private interface Runner {
        List<String> command(PostgresEndpoint endpoint, String database, Path folder);
    }

    private void run() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path jar = root.resolve("schema-migrations/target/schema-migrations.jar");
        Path aot = work.resolve("schema-migrations.aot");
        String flywayClasspath = Files.readString(root.resolve("schema-benchmarks/target/benchmark.classpath")).strip()
                + ":" + root.resolve("schema-benchmarks/target/classes");
        Path project = root.resolve("migrations/orchestrator");
        Path flywayProject = flywayCopy(project);

        Runner crawbl = (endpoint, db, folder) -> command(java, List.of("-jar", jar.toString(), "--url", endpoint.jdbcUrl(),
                "--dir", folder.toString(), "migrate"));
        Runner crawblAot = (endpoint, db, folder) -> command(java, LAUNCHER_FLAGS, List.of("-XX:AOTCache=" + aot, "-jar", jar.toString(),
                "--url", endpoint.jdbcUrl(), "--dir", folder.toString(), "migrate"));
        Runner flyway = (endpoint, db, folder) -> command(java, List.of("-cp", flywayClasspath, FlywayRunner.class.getName(),
                endpoint.jdbcUrl(), folder.toString()));
        Runner flywayTuned = (endpoint, db, folder) -> command(java, LAUNCHER_FLAGS, List.of("-cp", flywayClasspath,
                FlywayRunner.class.getName(), endpoint.jdbcUrl(), folder.toString()));

        // JDK 25's AOT cache, trained on one dry run with the launcher's flags (what ./crawbl does after a build).
        String fresh = newDatabase();
        time(command(java, LAUNCHER_FLAGS, List.of("-XX:AOTCacheOutput=" + aot, "-jar", jar.toString(), "--url",
                postgres.endpoint(fresh).jdbcUrl(), "--dir", project.toString(), "migrate", "--dry-run")));
        boolean haveAot = Files.exists(aot);

        System.out.printf("PostgreSQL %d, JDK %s, %d repetitions, median wall time of a cold process%n%n",
                postgres.majorVersion(), System.getProperty("java.version"), repetitions);
        System.out.printf("%-72s %10s %10s%n", "project migrations (12)", "median ms", "vs flyway");
        double flywayFull = median(() -> fullApply(flyway, flywayProject));
        double flywayNoop = median(() -> noOp(flyway, flywayProject));
        double crawblFull = median(() -> fullApply(crawbl, project));
        double crawblNoop = median(() -> noOp(crawbl, project));
        print("flyway migrate, full apply", flywayFull, flywayFull);
        print("flyway with the launcher's JVM flags, full apply", median(() -> fullApply(flywayTuned, flywayProject)), flywayFull);
        print("schema-migrations (java -jar), full apply", crawblFull, flywayFull);
        if (haveAot) {
            print("schema-migrations as ./crawbl runs it, full apply", median(() -> fullApply(crawblAot, project)), flywayFull);
        }
        print("psql, one transaction per group (floor)", median(() -> psqlFloor(project)), flywayFull);
        print("flyway migrate, up to date (no-op)", flywayNoop, flywayNoop);
        print("flyway with the launcher's JVM flags, no-op", median(() -> noOp(flywayTuned, flywayProject)), flywayNoop);
        print("schema-migrations (java -jar), no-op", crawblNoop, flywayNoop);
        if (haveAot) {
            print("schema-migrations as ./crawbl runs it, no-op", median(() -> noOp(crawblAot, project)), flywayNoop);
        }
        // The whole documented command: PostgreSQL, then an embedded ClickHouse, then the seed catalogs, one process.
        Runner platform = (endpoint, db, folder) -> List.of("bash", root.resolve("crawbl").toString(), "platform", "orchestrator",
                "migrate", "--url", endpoint.jdbcUrl(), "--clickhouse", "embedded:" + work.resolve("clickhouse-" + db));
        print("./crawbl platform orchestrator migrate (+ ClickHouse + catalogs), no-op", median(() -> noOp(platform, project)), flywayNoop);

        System.out.printf("%n%-10s %12s %12s %12s %10s %14s%n", "small migs", "flyway ms", "crawbl ms", "./crawbl ms", "ratio",
                "crawbl ms/mig");
        for (int count : new int[] {10, 100, 1000}) {
            Path folder = generated(count);
            Path flywayFolder = flywayCopy(folder);
            double theirs = median(() -> fullApply(flyway, flywayFolder));
            double ours = median(() -> fullApply(crawbl, folder));
            double oursAot = haveAot ? median(() -> fullApply(crawblAot, folder)) : Double.NaN;
            double best = haveAot ? Math.min(ours, oursAot) : ours;
            System.out.printf("%-10d %12.0f %12.0f %12.0f %10.2f %14.2f%n", count, theirs, ours, oursAot, best / theirs, best / count);
        }
    }

    @SafeVarargs
    private static List<String> command(Path java, List<String>... parts) {
        List<String> command = new java.util.ArrayList<>(List.of(java.toString()));
        for (List<String> part : parts) {
            command.addAll(part);
        }
        return command;
    }

    private interface Measurement {
        double millis() throws Exception;
    }

    private double median(Measurement measurement) throws Exception {
        double[] samples = new double[repetitions];
        for (int i = 0; i < repetitions; i++) {
            samples[i] = measurement.millis();
        }
        Arrays.sort(samples);
        return repetitions % 2 == 1 ? samples[repetitions / 2] : (samples[repetitions / 2 - 1] + samples[repetitions / 2]) / 2;
    }

    private static void print(String label, double millis, double flyway) {
        System.out.printf("%-72s %10.0f %10.2f%n", label, millis, millis / flyway);
    }

    private double fullApply(Runner runner, Path folder) throws Exception {
        String db = newDatabase();
        return time(runner.command(postgres.endpoint(db), db, folder));
    }

    private double noOp(Runner runner, Path folder) throws Exception {
        String db = newDatabase();
        time(runner.command(postgres.endpoint(db), db, folder));
        return time(runner.command(postgres.endpoint(db), db, folder));
    }

    /** psql applying the files in one process: transactional files grouped in transactions, others alone. */
    private double psqlFloor(Path folder) throws Exception {
        StringBuilder script = new StringBuilder("SET search_path TO orchestrator, public;\n");
        boolean open = false;
        for (Migration migration : MigrationSource.directory(folder, NamingScheme.POSTGRES).load()) {
            if (migration.transactional() != open) {
                script.append(open ? "COMMIT;\n" : "BEGIN;\n");
                open = !open;
            }
            script.append(migration.sql()).append('\n');
        }
        script.append(open ? "COMMIT;\n" : "");
        Path file = work.resolve("floor.sql");
        Files.writeString(file, script);
        String db = newDatabase();
        return time(List.of(postgres.binaries().binDir().resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", "127.0.0.1", "-p", Integer.toString(postgres.port()), "-d", db, "-f", file.toString()));
    }

    private String newDatabase() throws Exception {
        String name = "bench_" + (++databases);
        postgres.createDatabase(name, null);
        return name;
    }

    private double time(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(Map.of("PGUSER", postgres.endpoint().user(), "PGPASSWORD", postgres.endpoint().password()));
        ProcessRun.Result result = ProcessRun.run(builder, Duration.ofMinutes(10), command.getFirst() + " … " + command.getLast());
        if (result.exitCode() != 0) {
            throw new IllegalStateException(command.getFirst() + " … " + command.getLast() + " failed (exit " + result.exitCode()
                    + "):\n" + result.output());
        }
        return result.elapsed().toNanos() / 1e6;
    }

    /** The folder renamed for Flyway: {@code V<n>__<description>.sql}. */
    private Path flywayCopy(Path folder) throws IOException {
        Path copy = Files.createDirectories(work.resolve("flyway-" + folder.getFileName() + "-" + (++databases)));
        for (Migration migration : MigrationSource.directory(folder, NamingScheme.POSTGRES).load()) {
            Files.writeString(copy.resolve("V" + migration.version() + "__" + migration.description() + ".sql"), migration.sql());
        }
        return copy;
    }

    /** {@code count} small migrations, one table each. */
    private Path generated(int count) throws IOException {
        Path folder = Files.createDirectories(work.resolve("generated-" + count));
        for (int i = 1; i <= count; i++) {
            String name = NamingScheme.POSTGRES.format(i, "table_" + i);
            Files.writeString(folder.resolve(name), (i == 1 ? "CREATE SCHEMA IF NOT EXISTS orchestrator;\n" : "")
                    + "CREATE TABLE IF NOT EXISTS orchestrator.t_" + i + " (id uuid PRIMARY KEY, note text);\n");
        }
        return folder;
    }
}
