package ai.crawbl.seed.bench;

import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.postgres.EmbeddedPostgres;
import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.PostgresTarget;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Times the seed loader as users run it, a cold {@code java -jar seed-loader.jar} per run, beside psql doing the
 * same work, all in one run on one embedded PostgreSQL: (1) a tools catalog of 100,000 rows (25 MB of JSON), first
 * load and unchanged rerun, beside the floor: psql {@code \copy} into a temp table and one guarded {@code INSERT …
 * SELECT … ON CONFLICT}; (2) the project's real catalogs. Each jar run is measured plain and with a JDK 25 AOT cache
 * trained on one run. Prints figures, ratios and where a run's time goes; asserts nothing. Run: seed-loader/benchmark.
 */
public final class SeedBenchmark {

    private static final int SYNTHETIC_ROWS = 100_000;
    private static final String[] CATEGORIES = {"search", "files", "scheduling", "memory", "notification", "context",
            "utility", "integration", "shell"};

    private final EmbeddedPostgres server;
    private final Path jar;
    private final Path work;
    private int databases;

    private SeedBenchmark(EmbeddedPostgres server, Path jar, Path work) {
        this.server = server;
        this.jar = jar;
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args.length > 0 ? args[0] : "seed-loader/target/seed-loader.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(jar + " not found: build it first (mvn -pl seed-loader -am package -DskipTests)");
        }
        Path work = Files.createTempDirectory("seed-bench-");
        try (EmbeddedPostgres server = EmbeddedPostgres.throwaway().start()) {
            SeedBenchmark bench = new SeedBenchmark(server, jar, work);
            bench.prepareTemplate();
            System.out.printf(Locale.ROOT, "PostgreSQL %d, %d cores, java %s%n%n", server.majorVersion(),
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            bench.syntheticTools();
            bench.realCatalogs();
        }
    }

    /** A database migrated once, cloned for every measurement so each starts from the same empty catalogs. */
    private void prepareTemplate() throws SQLException {
        server.createDatabase("bench_template", null);
        Migrator.configure().source(MigrationSource.packaged(NamingScheme.POSTGRES))
                .target(PostgresTarget.at(server.endpoint("bench_template"))).load().migrate();
    }

    private PostgresEndpoint freshDatabase() throws SQLException {
        String name = "bench_" + (++databases);
        server.createDatabase(name, "bench_template");
        return server.endpoint(name);
    }

    // ---------------------------------------------------------------- 1. 100,000 tools, cold java -jar

    private void syntheticTools() throws Exception {
        System.out.printf(Locale.ROOT, "1. Tools catalog of %,d rows, each run a cold process%n", SYNTHETIC_ROWS);
        Path seedDir = Files.createDirectories(work.resolve("synthetic"));
        List<Map<String, Object>> tools = new ArrayList<>(SYNTHETIC_ROWS);
        for (int i = 0; i < SYNTHETIC_ROWS; i++) {
            Map<String, Object> tool = new LinkedHashMap<>();
            tool.put("name", String.format(Locale.ROOT, "tool_%06d", i));
            tool.put("display_name", "Tool " + i);
            tool.put("description", "Synthetic tool number " + i + ": does one thing well, with a description of ordinary length.");
            tool.put("category", CATEGORIES[i % CATEGORIES.length]);
            tool.put("icon_url", "icons/tools/tool_" + i + ".svg");
            tool.put("implemented", i % 3 != 0);
            tool.put("sort_order", i);
            tools.add(tool);
        }
        Files.writeString(seedDir.resolve("tools.json"), new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(tools));
        copyPackaged("tool_categories.json", seedDir);
        Files.writeString(seedDir.resolve("manifest.json"),
                "{\"catalogs\": {\"tools.json\": {\"references\": {\"category\": \"tool_categories\"}}, \"tool_categories.json\": {}}}");
        long bytes = Files.size(seedDir.resolve("tools.json"));

        // The floor: psql \copy into a temp table, then one guarded INSERT … SELECT … ON CONFLICT.
        Path csv = work.resolve("tools.csv");
        Files.writeString(csv, tools.stream().map(t -> String.join(",", (String) t.get("name"), quote((String) t.get("display_name")),
                quote((String) t.get("description")), (String) t.get("category"), (String) t.get("icon_url"),
                t.get("implemented").toString(), t.get("sort_order").toString())).collect(Collectors.joining("\n", "", "\n")));
        Path floorScript = work.resolve("floor.sql");
        Files.writeString(floorScript, """
                BEGIN;
                CREATE TEMP TABLE incoming (name text, display_name text, description text, category text, icon_url text,
                                            implemented boolean, sort_order integer) ON COMMIT DROP;
                \\copy incoming FROM '%s' WITH (FORMAT csv)
                INSERT INTO orchestrator.tools (id, name, display_name, description, category, icon_url, implemented, sort_order)
                SELECT gen_random_uuid(), name, display_name, description, category, icon_url, implemented, sort_order FROM incoming
                ON CONFLICT (name) DO UPDATE SET display_name = excluded.display_name, description = excluded.description,
                    category = excluded.category, icon_url = excluded.icon_url, implemented = excluded.implemented,
                    sort_order = excluded.sort_order
                WHERE (tools.display_name, tools.description, tools.category, tools.icon_url, tools.implemented, tools.sort_order)
                    IS DISTINCT FROM (excluded.display_name, excluded.description, excluded.category, excluded.icon_url,
                                      excluded.implemented, excluded.sort_order);
                COMMIT;
                """.formatted(csv));
        PostgresEndpoint forPsql = freshDatabase();
        Timed floorFirst = psql(forPsql, "-f", floorScript.toString());
        String floorBefore = rowVersions(forPsql);
        Timed floorRerun = psql(forPsql, "-f", floorScript.toString());
        boolean floorWroteNothing = floorBefore.equals(rowVersions(forPsql));

        System.out.printf(Locale.ROOT, "   tools.json: %,d bytes%n", bytes);
        System.out.printf(Locale.ROOT, "   %-52s %8s %10s %8s   %s%n", "", "first", "rows/s", "rerun", "rerun wrote nothing; classes loaded");
        System.out.printf(Locale.ROOT, "   %-52s %5d ms %10s %5d ms   %s%n", "psql \\copy + guarded upsert (floor)",
                floorFirst.millis, perSecond(SYNTHETIC_ROWS, floorFirst.millis), floorRerun.millis, floorWroteNothing);
        // Text output, as a deploy job runs it: --format json would also list all 100,000 inserted rows.
        List<String> args = List.of("--seed-dir", seedDir.toString(), "--max-file-size", "100000000");
        for (List<String> flags : variants(args)) {
            PostgresEndpoint database = freshDatabase();
            Timed first = timeProcess(jar(database, flags, args), database);
            String before = rowVersions(database);
            Timed rerun = timeProcess(jar(database, withClassLog(flags), args), database);
            boolean untouched = before.equals(rowVersions(database));
            System.out.printf(Locale.ROOT, "   %-52s %5d ms %10s %5d ms   %s; %d%n", label(flags), first.millis,
                    perSecond(SYNTHETIC_ROWS, first.millis), rerun.millis, untouched, classesLoaded());
            System.out.printf(Locale.ROOT, "   %-52s first %.2fx the floor's throughput (goal >= 0.5x), rerun %.2fx the floor's time (goal <= 2x)%n",
                    "", (double) floorFirst.millis / first.millis, ratio(rerun.millis, floorRerun.millis));
            System.out.printf(Locale.ROOT, "   %-52s %s%n", "  where the first run's time goes", phases(first));
            System.out.printf(Locale.ROOT, "   %-52s %s%n", "  where the rerun's time goes", phases(rerun));
        }
        System.out.println();
    }

    /** Plain, then with an AOT cache trained on one dry run of the same arguments (the launcher records one so). */
    private List<List<String>> variants(List<String> trainingArgs) throws Exception {
        Path aot = work.resolve("seed-loader-" + (++databases) + ".aot");
        PostgresEndpoint training = freshDatabase();
        List<String> dryRun = new ArrayList<>(trainingArgs);
        dryRun.add("--dry-run");
        timeProcess(jar(training, List.of("-XX:AOTCacheOutput=" + aot), dryRun), training, true);
        return List.of(List.of(), List.of("-XX:AOTCache=" + aot));
    }

    private Path classLog() {
        return work.resolve("classes.log");
    }

    private List<String> withClassLog(List<String> flags) {
        List<String> all = new ArrayList<>(flags);
        all.add("-Xlog:class+load=info:file=" + classLog());
        return all;
    }

    /** Classes the last logged run loaded; with an AOT cache most come from it ("source: shared objects file"). */
    private String classesLoadedDetail() throws IOException {
        List<String> lines = Files.readAllLines(classLog());
        long shared = lines.stream().filter(line -> line.contains("shared")).count();
        return lines.size() + " (" + shared + " from the AOT cache)";
    }

    private long classesLoaded() throws IOException {
        return Files.readAllLines(classLog()).size();
    }

    /** The report's own timings: the whole run, inside load(), and per catalog; the rest is start-up and reading. */
    private static String phases(Timed run) {
        // Text report: "tools        inserted 0, updated 0, unchanged 100000 (3149 ms)" … "loaded into … in 6864 ms".
        java.util.regex.Matcher total = java.util.regex.Pattern.compile(" in (\\d+) ms").matcher(run.output);
        long load = total.find() ? Long.parseLong(total.group(1)) : -1;
        String catalogs = run.output.lines().filter(line -> line.endsWith(" ms)"))
                .map(line -> line.replaceAll("\\s+", " ")).collect(Collectors.joining("; "));
        return String.format(Locale.ROOT, "process %d ms = JVM start, class loading, connecting %d ms + load() %d ms (the files are read and checked on a second thread meanwhile; load() waits for them, then loads the catalogs): %s",
                run.millis, run.millis - load, load, catalogs);
    }

    private static String label(List<String> flags) {
        return "java " + (flags.isEmpty() ? "" : "-XX:AOTCache=<trained on a dry run> ") + "-jar seed-loader.jar";
    }

    private void copyPackaged(String name, Path folder) throws IOException {
        try (InputStream in = SeedBenchmark.class.getClassLoader().getResourceAsStream("ai/crawbl/seed/catalogs/" + name)) {
            Files.write(folder.resolve(name), in.readAllBytes());
        }
    }

    // ---------------------------------------------------------------- 2. the real catalogs, cold java -jar

    private void realCatalogs() throws Exception {
        System.out.println("2. The project's catalogs (7 files), each run a cold process");
        List<String> args = List.of();
        Timed psqlNothing = psql(freshDatabase(), "-c", "SELECT 1");
        for (List<String> flags : variants(args)) {
            PostgresEndpoint database = freshDatabase();
            Timed first = timeProcess(jar(database, flags, args), database);
            Timed rerun = timeProcess(jar(database, withClassLog(flags), args), database);
            long help = median(3, () -> timeProcess(concat(concat(List.of(java()), flags), List.of("-jar", jar.toString(), "--help")), null).millis);
            System.out.printf(Locale.ROOT, "   %-52s first %5d ms, rerun %5d ms, --help %d ms; rerun classes loaded %s%n",
                    label(flags), first.millis, rerun.millis, help, classesLoadedDetail());
            System.out.printf(Locale.ROOT, "   %-52s %s%n", "  where the rerun's time goes", phases(rerun));
        }
        System.out.printf(Locale.ROOT, "   %-52s %5d ms%n%n", "psql -c 'SELECT 1' (process start and connect)", psqlNothing.millis);
    }

    private List<String> jar(PostgresEndpoint database, List<String> flags, List<String> args) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(flags);
        command.addAll(List.of("-jar", jar.toString(), "--url", database.jdbcUrl()));
        command.addAll(args);
        return command;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String quote(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    /** Every tools row's version and place: equal before and after means the run wrote nothing. */
    private static String rowVersions(PostgresEndpoint endpoint) throws SQLException {
        try (Connection connection = endpoint.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT md5(string_agg(xmin::text || ctid::text, ',' ORDER BY name)) FROM orchestrator.tools")) {
            rs.next();
            return rs.getString(1);
        }
    }

    // ---------------------------------------------------------------- processes

    private record Timed(long millis, String output) {
    }

    private Timed psql(PostgresEndpoint endpoint, String... args) throws IOException, InterruptedException {
        String database = endpoint.jdbcUrl().substring(endpoint.jdbcUrl().lastIndexOf('/') + 1);
        List<String> command = new ArrayList<>(List.of(server.binaries().binDir().resolve("psql").toString(), "-X", "-q",
                "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", Integer.toString(server.port()), "-U", endpoint.user(), "-d", database));
        command.addAll(List.of(args));
        return timeProcess(command, endpoint);
    }

    private static Timed timeProcess(List<String> command, PostgresEndpoint endpoint) throws IOException, InterruptedException {
        return timeProcess(command, endpoint, false);
    }

    private static Timed timeProcess(List<String> command, PostgresEndpoint endpoint, boolean quiet) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(quiet ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.INHERIT);
        if (endpoint != null) {
            builder.environment().put("PGPASSWORD", endpoint.password() == null ? "" : endpoint.password());
            builder.environment().put("PGUSER", endpoint.user());
        }
        long started = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (exit != 0) {
            throw new IllegalStateException(command.getFirst() + " exited " + exit + ": " + output);
        }
        return new Timed(millis, output);
    }

    private interface Measurement {
        long millis() throws Exception;
    }

    private static long median(int runs, Measurement measurement) throws Exception {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            times.add(measurement.millis());
        }
        times.sort(null);
        return times.get(runs / 2);
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    private static String perSecond(long rows, long millis) {
        return millis == 0 ? "-" : String.format(Locale.ROOT, "%,d", rows * 1000 / millis);
    }
}
