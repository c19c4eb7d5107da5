package ai.crawbl.seed.bench;

import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.postgres.EmbeddedPostgres;
import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.PostgresTarget;
import ai.crawbl.seed.Catalog;
import ai.crawbl.seed.CatalogReport;
import ai.crawbl.seed.SeedLoader;
import ai.crawbl.seed.SeedResult;
import ai.crawbl.seed.SeedSource;
import ai.crawbl.seed.Seeds;
import ai.crawbl.seed.Tool;
import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Times the seed loader beside psql doing the same work, both in the same run on the same embedded PostgreSQL:
 * (1) the real catalogs through a cold {@code java -jar seed-loader.jar}, first load and unchanged rerun, beside a
 * psql script of the same guarded upserts; (2) a synthetic tools catalog of 100,000 rows through the library,
 * beside psql's {@code \copy} into a temp table and one guarded {@code INSERT … SELECT … ON CONFLICT}.
 * Prints figures and ratios; asserts nothing. Run: see seed-loader/BENCHMARK.md.
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
            bench.realCatalogs();
            bench.syntheticTools();
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

    // ---------------------------------------------------------------- 1. the real catalogs, cold java -jar

    private void realCatalogs() throws Exception {
        System.out.println("1. Real catalogs (38 tools, 8 models, 2 plans), each run a cold process");
        List<String> tuned = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");
        Path aot = work.resolve("seed-loader.aot");
        PostgresEndpoint training = freshDatabase();
        timeProcess(jar(training, concat(tuned, List.of("-XX:AOTCacheOutput=" + aot)), "--dry-run"), training, true);

        PostgresEndpoint forPsql = freshDatabase();
        Path script = work.resolve("catalogs.sql");
        Files.writeString(script, psqlCatalogScript(Seeds.read(SeedSource.packaged())));
        Timed psqlFirst = psql(forPsql, "-f", script.toString());
        Timed psqlRerun = psql(forPsql, "-f", script.toString());
        Timed psqlNothing = psql(forPsql, "-c", "SELECT 1");

        System.out.printf(Locale.ROOT, "   %-58s %8s %8s   %s%n", "", "first", "rerun", "inside load(): first, rerun; rows written");
        for (List<String> flags : List.of(List.<String>of(), tuned, concat(tuned, List.of("-XX:AOTCache=" + aot)))) {
            PostgresEndpoint database = freshDatabase();
            Timed first = timeProcess(jar(database, flags, "--format", "json"), database);
            Timed rerun = timeProcess(jar(database, flags, "--format", "json"), database);
            long help = median(3, () -> timeProcess(concat(concat(List.of(java()), flags), List.of("-jar", jar.toString(), "--help")), null).millis);
            JsonNode firstReport = new ObjectMapper().readTree(first.output);
            JsonNode rerunReport = new ObjectMapper().readTree(rerun.output);
            String label = "java " + (flags.isEmpty() ? "" : String.join(" ", flags).replace(aot.toString(), "<trained on --dry-run>") + " ") + "-jar";
            System.out.printf(Locale.ROOT, "   %-58s %5d ms %5d ms   %d ms, %d ms; %s / %s%n", label, first.millis, rerun.millis,
                    firstReport.get("millis").asLong(), rerunReport.get("millis").asLong(), written(firstReport), written(rerunReport));
            System.out.printf(Locale.ROOT, "   %-58s %5d ms   (JVM start, picocli; the rest of a run reads the files, loads jOOQ and talks to the database)%n",
                    "  same, --help", help);
        }
        System.out.printf(Locale.ROOT, "   %-58s %5d ms %5d ms%n", "psql -f <the same guarded upserts, literal values> (floor)", psqlFirst.millis, psqlRerun.millis);
        System.out.printf(Locale.ROOT, "   %-58s %5d ms%n%n", "  psql -c 'SELECT 1' (process start and connect)", psqlNothing.millis);
    }

    private List<String> jar(PostgresEndpoint database, List<String> flags, String... args) {
        List<String> command = new ArrayList<>(List.of(java()));
        command.addAll(flags);
        command.addAll(List.of("-jar", jar.toString(), "--url", database.jdbcUrl()));
        command.addAll(List.of(args));
        return command;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static String written(JsonNode report) {
        int inserted = 0;
        int updated = 0;
        for (JsonNode catalog : report.get("catalogs")) {
            inserted += catalog.get("inserted").asInt();
            updated += catalog.get("updated").asInt();
        }
        return inserted + " ins, " + updated + " upd";
    }

    /** The same guarded upserts the loader sends, as one psql script with literal values. */
    private static String psqlCatalogScript(Seeds seeds) {
        StringBuilder sql = new StringBuilder("BEGIN;\n");
        sql.append(upsertSql("tools", "name", List.of("display_name", "description", "category", "icon_url", "implemented", "sort_order"),
                seeds.tools().entries().stream().map(t -> List.<Object>of(t.name(), t.displayName(), t.description(), t.category(),
                        t.iconUrl(), t.implemented() == null ? false : t.implemented(), t.sortOrder() == null ? 0 : t.sortOrder())).toList(), ""));
        sql.append(upsertSql("models", "slug", List.of("name", "description", "sort_order"),
                seeds.models().entries().stream().map(m -> List.<Object>of(m.slug(), m.name(), m.description(),
                        m.sortOrder() == null ? 0 : m.sortOrder())).toList(), ""));
        sql.append(upsertSql("usage_plans", "slug", List.of("name", "monthly_token_limit", "daily_request_limit", "max_tokens_per_request"),
                seeds.usagePlans().entries().stream().map(p -> java.util.Arrays.<Object>asList(p.slug(), p.name(), p.monthlyTokenLimit(),
                        p.dailyRequestLimit(), p.maxTokensPerRequest())).toList(), ", updated_at = now()"));
        return sql.append("COMMIT;\n").toString();
    }

    private static String upsertSql(String table, String key, List<String> columns, List<List<Object>> rows, String touch) {
        String values = rows.stream().map(row -> "(gen_random_uuid(), " + row.stream().map(SeedBenchmark::literal)
                .collect(Collectors.joining(", ")) + ")").collect(Collectors.joining(",\n  "));
        return "INSERT INTO orchestrator." + table + " (id, " + key + ", " + String.join(", ", columns) + ") VALUES\n  " + values
                + "\nON CONFLICT (" + key + ") DO UPDATE SET "
                + columns.stream().map(c -> c + " = excluded." + c).collect(Collectors.joining(", ")) + touch
                + "\nWHERE (" + columns.stream().map(c -> table + "." + c).collect(Collectors.joining(", ")) + ") IS DISTINCT FROM ("
                + columns.stream().map(c -> "excluded." + c).collect(Collectors.joining(", ")) + ");\n";
    }

    private static String literal(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof String text) {
            return "'" + text.replace("'", "''") + "'";
        }
        return value.toString();
    }

    // ---------------------------------------------------------------- 2. 100,000 synthetic tools

    private void syntheticTools() throws Exception {
        System.out.printf(Locale.ROOT, "2. Synthetic tools catalog, %,d rows%n", SYNTHETIC_ROWS);
        Path seedDir = Files.createDirectories(work.resolve("synthetic"));
        List<Tool> tools = new ArrayList<>(SYNTHETIC_ROWS);
        for (int i = 0; i < SYNTHETIC_ROWS; i++) {
            tools.add(new Tool(String.format(Locale.ROOT, "tool_%06d", i), "Tool " + i,
                    "Synthetic tool number " + i + ": does one thing well, with a description of ordinary length.",
                    CATEGORIES[i % CATEGORIES.length], "icons/tools/tool_" + i + ".svg", i % 3 != 0, i));
        }
        Files.writeString(seedDir.resolve("tools.json"), new ObjectMapper()
                .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
                .writeValueAsString(tools.stream().map(t -> java.util.Map.of("name", t.name(), "display_name", t.displayName(),
                        "description", t.description(), "category", t.category(), "icon_url", t.iconUrl(),
                        "implemented", t.implemented(), "sort_order", t.sortOrder())).toList()));
        for (Catalog other : List.of(Catalog.MODELS, Catalog.USAGE_PLANS)) {
            try (InputStream in = SeedBenchmark.class.getClassLoader().getResourceAsStream("ai/crawbl/seed/catalogs/" + other.fileName())) {
                Files.write(seedDir.resolve(other.fileName()), in.readAllBytes());
            }
        }
        long bytes = Files.size(seedDir.resolve("tools.json"));

        // The floor: psql \copy into a temp table, then one guarded INSERT … SELECT … ON CONFLICT.
        Path csv = work.resolve("tools.csv");
        Files.writeString(csv, tools.stream().map(t -> String.join(",", t.name(), quote(t.displayName()), quote(t.description()),
                t.category(), t.iconUrl(), t.implemented().toString(), t.sortOrder().toString())).collect(Collectors.joining("\n", "", "\n")));
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

        // The loader, in this JVM, after one load of the real catalogs elsewhere (start-up costs are part 1's subject):
        // reading and checking the file, then the first load and the unchanged rerun.
        SeedLoader.into(freshDatabase()).load(SeedSource.packaged());
        long t0 = System.nanoTime();
        Seeds seeds = Seeds.read(SeedSource.directory(seedDir), 64L * 1024 * 1024);
        long readMillis = (System.nanoTime() - t0) / 1_000_000;
        PostgresEndpoint forLoader = freshDatabase();
        SeedResult first = SeedLoader.into(forLoader).load(seeds);
        String before = rowVersions(forLoader);
        SeedResult rerun = SeedLoader.into(forLoader).load(seeds);
        boolean wroteNothing = before.equals(rowVersions(forLoader));
        CatalogReport firstTools = first.catalog(Catalog.TOOLS);
        CatalogReport rerunTools = rerun.catalog(Catalog.TOOLS);

        System.out.printf(Locale.ROOT, "   tools.json: %,d bytes; reading and checking it (JSON Schema + records): %d ms%n", bytes, readMillis);
        System.out.printf(Locale.ROOT, "   %-40s %10s %12s %10s%n", "", "first", "rows/s", "rerun");
        System.out.printf(Locale.ROOT, "   %-40s %7d ms %12s %7d ms   (rerun: %d ins, %d upd, rows untouched: %s)%n",
                "seed loader, tools catalog", firstTools.millis(), perSecond(SYNTHETIC_ROWS, firstTools.millis()), rerunTools.millis(),
                rerunTools.inserted(), rerunTools.updated(), wroteNothing);
        System.out.printf(Locale.ROOT, "   %-40s %7d ms %12s %7d ms%n", "seed loader, whole load() (3 catalogs)",
                first.millis(), perSecond(SYNTHETIC_ROWS, first.millis()), rerun.millis());
        System.out.printf(Locale.ROOT, "   %-40s %7d ms %12s %7d ms   (rows untouched: %s)%n", "psql \\copy + guarded upsert (floor)",
                floorFirst.millis, perSecond(SYNTHETIC_ROWS, floorFirst.millis), floorRerun.millis, floorWroteNothing);
        System.out.printf(Locale.ROOT, "   first load: %.2fx the floor's throughput (goal >= 0.5x); rerun: %.2fx the floor's time (goal <= 2x)%n",
                (double) floorFirst.millis / first.millis(), ratio(rerun.millis(), floorRerun.millis));
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
