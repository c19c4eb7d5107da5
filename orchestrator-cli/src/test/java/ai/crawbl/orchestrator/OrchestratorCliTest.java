package ai.crawbl.orchestrator;

import ai.crawbl.migrations.MigrationTarget;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code crawbl platform orchestrator} in this process: PostgreSQL given by URL (a database on the test server),
 * ClickHouse embedded in a folder of the test's, the catalogs from the project's seed files.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class OrchestratorCliTest {

    private static final Path PROJECT_MIGRATIONS = Path.of("../migrations").toAbsolutePath().normalize();
    /** How many PostgreSQL and ClickHouse migrations the project has, and the last PostgreSQL version, from the files. */
    private static final int POSTGRES_FILES = MigrationSource.directory(PROJECT_MIGRATIONS.resolve("orchestrator"), NamingScheme.POSTGRES).load().size();
    private static final int POSTGRES_LATEST = MigrationSource.directory(PROJECT_MIGRATIONS.resolve("orchestrator"), NamingScheme.POSTGRES).load().getLast().version();
    private static final int CLICKHOUSE_FILES = MigrationSource.directory(PROJECT_MIGRATIONS.resolve("clickhouse"), NamingScheme.CLICKHOUSE).load().size();
    private static final int CLICKHOUSE_LATEST = MigrationSource.directory(PROJECT_MIGRATIONS.resolve("clickhouse"), NamingScheme.CLICKHOUSE).load().getLast().version();

    @TempDir
    Path tmp;

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    private static Run cli(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OrchestratorCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String url(PostgresDatabase database) {
        var endpoint = database.endpoint();
        return endpoint.jdbcUrl() + "?user=" + endpoint.user() + "&password=" + endpoint.password();
    }

    private Run migrate(PostgresDatabase database, Path clickhouse, String... more) {
        List<String> args = new ArrayList<>(List.of("--migrations", PROJECT_MIGRATIONS.toString(), "--url", url(database),
                "--clickhouse", "embedded:" + clickhouse, "migrate"));
        args.addAll(List.of(more));
        return cli(Map.of(), args.toArray(String[]::new));
    }

    @Test
    void migrateAppliesBothSchemasAndSeedsTheCatalogsThenFindsNothingToDo(PostgresDatabase shared) throws Exception {
        PostgresDatabase database = shared.sibling();
        Path clickhouse = tmp.resolve("clickhouse");

        Run first = migrate(database, clickhouse);
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("postgres    done     applied " + POSTGRES_FILES + " migration(s): version 0 -> " + POSTGRES_LATEST), first.out());
        assertTrue(first.out().contains("clickhouse  done     applied " + CLICKHOUSE_FILES + " migration(s): version 0 -> " + CLICKHOUSE_LATEST), first.out());
        assertTrue(first.out().contains("tools: 38 inserted, 0 updated, 0 unchanged"), first.out());
        assertTrue(first.err().contains("applied 000008_ivfflat_index.up.sql"), "progress per migration: " + first.err());
        assertEquals("38", database.queryValue("SELECT count(*) FROM orchestrator.tools"));

        Run second = migrate(database, clickhouse, "--format", "json");
        assertEquals(0, second.exitCode(), second.err());
        JsonNode report = new ObjectMapper().readTree(second.out());
        assertEquals(List.of("postgres", "clickhouse", "catalogs"), report.findValuesAsText("step"));
        for (JsonNode step : report.get("steps")) {
            assertEquals("DONE", step.get("outcome").asText());
        }
        assertTrue(report.get("steps").get(0).get("result").get("applied").isEmpty());
        assertTrue(report.get("steps").get(1).get("result").get("applied").isEmpty());
        for (JsonNode catalog : report.get("steps").get(2).get("result").get("catalogs")) {
            assertEquals(0, catalog.get("inserted").asInt());
            assertEquals(0, catalog.get("updated").asInt());
        }
        assertEquals("", second.err(), "json output keeps standard error quiet");
    }

    @Test
    void aDryRunChangesNothingInEitherDatabase(PostgresDatabase shared) throws Exception {
        PostgresDatabase database = shared.sibling();
        Path clickhouse = tmp.resolve("clickhouse");

        Run dryRun = migrate(database, clickhouse, "--dry-run");

        assertEquals(0, dryRun.exitCode(), dryRun.err());
        assertTrue(dryRun.out().contains("would apply " + POSTGRES_FILES + " migration(s)"), dryRun.out());
        assertTrue(dryRun.out().contains("would apply " + CLICKHOUSE_FILES + " migration(s)"), dryRun.out());
        assertTrue(dryRun.out().contains("catalogs    skipped"), dryRun.out());
        assertNull(database.queryValue("SELECT to_regclass('orchestrator." + MigrationTarget.HISTORY_TABLE + "')::text"));
        assertNull(database.queryValue("SELECT to_regclass('orchestrator.tools')::text"));
        assertFalse(fileNamed(clickhouse, MigrationTarget.HISTORY_TABLE), "no ClickHouse history table was created");
        assertFalse(fileNamed(clickhouse, "llm_usage"), "no ClickHouse table was created");
    }

    @Test
    void aFailingStepStopsTheStepsAfterIt(PostgresDatabase shared) throws Exception {
        PostgresDatabase database = shared.sibling();
        Path tree = copyOfProjectMigrations();
        Files.writeString(tree.resolve("clickhouse/002_broken.sql"), "CREATE TABLE broken (id UInt32) ENGINE = NoSuchEngine;\n");

        Run run = cli(Map.of(), "--migrations", tree.toString(), "--url", url(database),
                "--clickhouse", "embedded:" + tmp.resolve("clickhouse"), "migrate", "--format", "json");

        assertEquals(1, run.exitCode(), run.err());
        JsonNode steps = new ObjectMapper().readTree(run.out()).get("steps");
        assertEquals("DONE", steps.get(0).get("outcome").asText());
        assertEquals("FAILED", steps.get(1).get("outcome").asText());
        assertTrue(steps.get(1).get("summary").asText().contains("002_broken.sql"), steps.get(1).toString());
        assertEquals("NOT_RUN", steps.get(2).get("outcome").asText());
        assertEquals("0", database.queryValue("SELECT count(*) FROM orchestrator.tools"), "no catalog row was written");
    }

    @Test
    void clickHouseIsSkippedWhenNoneIsNamedAndPostgresIsNotEmbedded(PostgresDatabase shared) throws Exception {
        PostgresDatabase database = shared.sibling();

        Run run = cli(Map.of(), "--url", url(database), "migrate");

        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("clickhouse  skipped  skipped: no ClickHouse named"), run.out());
        assertTrue(run.out().contains("tools: 38 inserted"), run.out());
    }

    @Test
    void aDatabaseThatCannotBeReachedFailsWithoutItsPassword() throws Exception {
        Run run = cli(Map.of(), "--url", "jdbc:postgresql://127.0.0.1:1/nowhere?user=app&password=s3cret", "--format", "json", "migrate");

        assertEquals(1, run.exitCode());
        JsonNode steps = new ObjectMapper().readTree(run.out()).get("steps");
        assertEquals("FAILED", steps.get(0).get("outcome").asText());
        assertEquals("NOT_RUN", steps.get(1).get("outcome").asText());
        assertFalse(run.out().contains("s3cret") || run.err().contains("s3cret"), run.out() + run.err());
    }

    @Test
    void statusReportsBothDatabasesAndTheCatalogs(PostgresDatabase shared) throws Exception {
        PostgresDatabase database = shared.sibling();
        Path clickhouse = tmp.resolve("clickhouse");
        assertEquals(0, migrate(database, clickhouse).exitCode());
        database.execute("UPDATE orchestrator.tools SET description = 'changed' WHERE name = 'web_search'");

        Run status = cli(Map.of(), "--migrations", PROJECT_MIGRATIONS.toString(), "--url", url(database),
                "--clickhouse", "embedded:" + clickhouse, "status");

        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().contains("postgres    done     at version " + POSTGRES_LATEST + "; " + POSTGRES_FILES + " applied"), status.out());
        assertTrue(status.out().contains("clickhouse  done     at version " + CLICKHOUSE_LATEST + "; " + CLICKHOUSE_FILES + " applied"), status.out());
        assertTrue(status.out().contains("tools: 0 to insert, 1 to update, 37 unchanged"), status.out());
        assertEquals("changed", database.queryValue("SELECT description FROM orchestrator.tools WHERE name = 'web_search'"),
                "status writes nothing");
    }

    @Test
    void statusOfAnUnmigratedDatabaseReportsTheCatalogsAsPendingAndExitsZero(PostgresDatabase shared) throws Exception {
        PostgresDatabase database = shared.sibling();
        List<String> args = List.of("--migrations", PROJECT_MIGRATIONS.toString(), "--url", url(database),
                "--clickhouse", "embedded:" + tmp.resolve("clickhouse"), "status");

        Run status = cli(Map.of(), args.toArray(String[]::new));

        assertEquals(0, status.exitCode(), status.out() + status.err());
        assertTrue(status.out().contains("postgres    done     at version 0; " + POSTGRES_FILES + " pending"), status.out());
        assertTrue(status.out().contains("catalogs    pending  pending: " + POSTGRES_FILES + " PostgreSQL migration(s)"
                + " to apply first; 'migrate' applies them, then seeds the catalogs"), status.out());
        assertTrue(status.out().contains("status: done"), status.out());

        List<String> json = new ArrayList<>(args);
        json.addAll(List.of("--format", "json"));
        Run report = cli(Map.of(), json.toArray(String[]::new));
        assertEquals(0, report.exitCode(), report.out() + report.err());
        assertEquals("PENDING", new ObjectMapper().readTree(report.out()).get("steps").get(2).get("outcome").asText(), report.out());
        assertNull(database.queryValue("SELECT to_regclass('orchestrator." + MigrationTarget.HISTORY_TABLE + "')::text"), "status changes nothing");
    }

    @Test
    void aUsageErrorOfACommandTheEngineOrTheLoaderRunsNamesTheOrchestratorsCommand() {
        for (String[] args : List.of(new String[] {"baseline"}, new String[] {"validate", "--bogus"}, new String[] {"repair", "--bogus"},
                new String[] {"clickhouse", "migrate", "--bogus"}, new String[] {"seed", "--bogus"})) {
            Run run = cli(Map.of(), args);
            String command = String.join(" ", args).replace(" --bogus", "");
            assertEquals(2, run.exitCode(), command + ": " + run.err());
            assertTrue(run.err().contains("Usage: crawbl platform orchestrator " + command), command + ": " + run.err());
            assertFalse(run.err().contains("schema-migrations") || run.err().contains("seed-loader"), command + ": " + run.err());
        }
    }

    @Test
    void helpSaysWhichMigrationsAndSeedFilesTheCommandsRead() {
        Run help = cli(Map.of(), "--help");
        String text = help.out().replaceAll("\\s+", " ");
        assertFalse(text.contains("(default: the one packaged in this jar)") || text.contains("(default: the ones packaged in this jar)"),
                "the launcher always passes both folders: " + help.out());
        assertTrue(text.contains("./crawbl passes the checkout's migrations/, so edits count without a rebuild;"
                + " without this option, the copy packaged in the jar when it was built"), help.out());
        assertTrue(text.contains("./crawbl passes the checkout's migrations/orchestrator/seed;"
                + " without this option, the copies packaged in the jar when it was built"), help.out());
    }

    @Test
    void lintChecksBothFoldersAndTheSeedFiles() throws Exception {
        Run clean = cli(Map.of(), "--migrations", PROJECT_MIGRATIONS.toString(), "lint");
        assertEquals(0, clean.exitCode(), clean.out() + clean.err());

        Path tree = copyOfProjectMigrations();
        Path tools = tree.resolve("orchestrator/seed/tools.json");
        Files.writeString(tools, Files.readString(tools).replaceFirst("\"sort_order\": 10", "\"sort_order\": \"ten\""));
        Files.writeString(tree.resolve("clickhouse/002_unguarded.sql"), "CREATE TABLE t (id UInt32) ENGINE = MergeTree ORDER BY id;\n");

        Run dirty = cli(Map.of(), "--migrations", tree.toString(), "lint");
        assertEquals(1, dirty.exitCode());
        assertTrue(dirty.out().contains("002_unguarded.sql"), dirty.out());
        assertTrue(dirty.out().contains(tools + ":") && dirty.out().contains("/tools/0/sort_order"), dirty.out());
    }

    @Test
    void helpAtEveryLevelExitsZero() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"migrate", "--help"}, new String[] {"status", "--help"},
                new String[] {"lint", "--help"}, new String[] {"seed", "--help"}, new String[] {"validate", "--help"},
                new String[] {"repair", "--help"}, new String[] {"baseline", "--help"}, new String[] {"clickhouse", "--help"},
                new String[] {"clickhouse", "migrate", "--help"})) {
            Run run = cli(Map.of(), args);
            assertEquals(0, run.exitCode(), String.join(" ", args) + ": " + run.err());
            assertTrue(run.out().contains("Usage:"), String.join(" ", args) + ": " + run.out());
        }
    }

    @Test
    void aUsageErrorExitsTwoWithTheCommandsHelp() {
        Run unknownOption = cli(Map.of(), "migrate", "--bogus");
        assertEquals(2, unknownOption.exitCode());
        assertTrue(unknownOption.err().contains("--bogus") && unknownOption.err().contains("Usage:"), unknownOption.err());

        Run unknownCommand = cli(Map.of(), "migrat");
        assertEquals(2, unknownCommand.exitCode());
        assertTrue(unknownCommand.err().contains("Usage:"), unknownCommand.err());

        Run none = cli(Map.of());
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("Usage:"), none.err());
    }

    private Path copyOfProjectMigrations() throws IOException {
        Path tree = tmp.resolve("migrations");
        try (Stream<Path> walk = Files.walk(PROJECT_MIGRATIONS)) {
            for (Path path : walk.toList()) {
                Path copy = tree.resolve(PROJECT_MIGRATIONS.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(path, copy);
                }
            }
        }
        return tree;
    }

    private static boolean fileNamed(Path dir, String part) throws IOException {
        if (!Files.exists(dir)) {
            return false;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.anyMatch(path -> path.getFileName().toString().contains(part));
        }
    }
}
