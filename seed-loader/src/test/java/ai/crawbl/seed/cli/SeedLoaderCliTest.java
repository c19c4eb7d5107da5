package ai.crawbl.seed.cli;

import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.PostgresTarget;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import ai.crawbl.seed.SeedFolder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CLI as a person or a deploy job uses it: exit codes, messages, JSON, and the database left alone on bad input. */
@ExtendWith(EmbeddedPostgresExtension.class)
class SeedLoaderCliTest {

    private static final String PASSWORD_MARK = "s3cret-pa55";

    private PostgresDatabase db;
    private Path seedDir;

    /** What one CLI run printed and returned. */
    record Run(int exitCode, String out, String err) {
    }

    @BeforeEach
    void migratedDatabase(PostgresDatabase shared, @TempDir Path folder) throws SQLException, IOException {
        db = shared.sibling();
        Migrator.configure().source(MigrationSource.packaged(NamingScheme.POSTGRES))
                .target(PostgresTarget.at(db.endpoint())).load().migrate();
        seedDir = SeedFolder.copyOfPackaged(folder).path();
    }

    private String url() {
        PostgresEndpoint endpoint = db.endpoint();
        return endpoint.jdbcUrl().replace("jdbc:postgresql://", "postgres://" + endpoint.user() + ":" + endpoint.password() + "@");
    }

    private Run cli(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SeedLoaderCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        Run run = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        String printed = run.out() + run.err();
        assertFalse(printed.contains(PASSWORD_MARK), "the password is never printed");
        if (db.endpoint().password() != null) {
            assertFalse(printed.contains(":" + db.endpoint().password() + "@"), "the password is never printed");
        }
        return run;
    }

    private Run seed(String... args) {
        List<String> all = new ArrayList<>(List.of("--url", url(), "--seed-dir", seedDir.toString()));
        all.addAll(List.of(args));
        return cli(Map.of(), all.toArray(String[]::new));
    }

    private List<List<String>> catalogRows() throws SQLException {
        return db.query("""
                SELECT 'tools', xmin::text, t::text FROM orchestrator.tools t
                UNION ALL SELECT 'models', xmin::text, m::text FROM orchestrator.models m
                UNION ALL SELECT 'usage_plans', xmin::text, p::text FROM orchestrator.usage_plans p ORDER BY 1, 3""");
    }

    @Test
    void helpDescribesTheOptionsAndExitsZero() {
        Run run = cli(Map.of(), "--help");
        assertEquals(0, run.exitCode());
        for (String option : List.of("--seed-dir", "--url", "--dry-run", "--prune", "--format")) {
            assertTrue(run.out().contains(option), option);
        }
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitTwo() {
        Run run = cli(Map.of(), "--frobnicate");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--frobnicate"), run.err());
    }

    @Test
    void theFirstRunReportsInsertsAndTheSecondReportsNothingWritten() {
        Run first = seed();
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.out().contains("tools        inserted 38, updated 0, unchanged 0"), first.out());
        Run second = seed();
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.out().contains("tools        inserted 0, updated 0, unchanged 38"), second.out());
        assertTrue(second.out().contains("usage_plans  inserted 0, updated 0, unchanged 2"), second.out());
    }

    @Test
    void jsonReportsCountsPerCatalog() throws IOException {
        seed();
        Run run = seed("--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode report = new ObjectMapper().readTree(run.out());
        assertEquals(7, report.get("catalogs").size());
        for (JsonNode catalog : report.get("catalogs")) {
            assertEquals(0, catalog.get("inserted").asInt());
            assertEquals(0, catalog.get("updated").asInt());
            assertTrue(catalog.has("millis"));
        }
        JsonNode tools = java.util.stream.StreamSupport.stream(report.get("catalogs").spliterator(), false)
                .filter(catalog -> catalog.get("catalog").asText().equals("tools")).findFirst().orElseThrow();
        assertEquals(38, tools.get("unchanged").asInt());
    }

    @Test
    void aDryRunPrintsRowByRowWhatWouldChangeAndWritesNothing() throws Exception {
        seed();
        Path models = seedDir.resolve("models.json");
        Files.writeString(models, Files.readString(models).replace("\"name\": \"GPT-5 mini\"", "\"name\": \"GPT-5 Mini\""));
        List<List<String>> before = catalogRows();
        Run run = seed("--dry-run");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("models: would update gpt-5-mini (id "), run.out());
        assertTrue(run.out().contains("name \"GPT-5 mini\" -> \"GPT-5 Mini\""), run.out());
        assertTrue(run.out().contains("models       would insert 0, would update 1, unchanged 7"), run.out());
        assertTrue(run.out().contains("dry run, nothing written"), run.out());
        assertEquals(before, catalogRows());
    }

    @Test
    void aBadSeedFileExitsOneNamingFileLineAndPointerAndWritesNothing() throws Exception {
        seed();
        List<List<String>> before = catalogRows();
        Path plans = seedDir.resolve("usage_plans.json");
        Files.writeString(plans, Files.readString(plans).replace("\"monthly_token_limit\": 10000000", "\"monthly_token_limit\": -10"));
        Run run = seed();
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains(plans + ":14:7: /usage_plans/1/monthly_token_limit: "), run.err());
        assertTrue(run.err().contains("nothing was written"), run.err());
        assertEquals(before, catalogRows());
    }

    @Test
    void badInputProblemsComeAsJsonToo() throws IOException {
        Files.writeString(seedDir.resolve("models.json"), "{ \"models\": [ }");
        Run run = seed("--format", "json");
        assertEquals(1, run.exitCode());
        JsonNode problem = new ObjectMapper().readTree(run.out()).get("problems").get(0);
        assertEquals(seedDir.resolve("models.json").toString(), problem.get("file").asText());
        assertEquals(1, problem.get("line").asInt());
    }

    @Test
    void aMissingSeedFolderIsNamed() {
        Run run = cli(Map.of(), "--url", url(), "--seed-dir", seedDir.resolve("nowhere").toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains(seedDir.resolve("nowhere") + ": no such seed folder"), run.err());
    }

    @Test
    void anUnreachableDatabaseExitsOneWithoutPrintingThePassword() {
        Run run = cli(Map.of(), "--url", "postgres://seeder:" + PASSWORD_MARK + "@127.0.0.1:1/crawbl", "--seed-dir", seedDir.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("127.0.0.1:1"), run.err());
        assertTrue(run.err().contains("cannot connect to"), run.err());
    }

    @Test
    void theDatabaseComesFromCrawblDatabaseUrlWhenNoUrlIsGiven() throws SQLException {
        Run run = cli(Map.of("CRAWBL_DATABASE_URL", url()), "--seed-dir", seedDir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("38", db.queryValue("SELECT count(*) FROM orchestrator.tools"));
    }

    @Test
    void twoLoadersStartedAtOnceBothExitZero() throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<Run>> runs = List.of(1, 2).stream().map(i -> CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return seed();
        })).toList();
        for (CompletableFuture<Run> run : runs) {
            assertEquals(0, run.get().exitCode(), run.get().err());
        }
        assertEquals("38", db.queryValue("SELECT count(DISTINCT name) FROM orchestrator.tools"));
        assertEquals("38", db.queryValue("SELECT count(*) FROM orchestrator.tools"));
    }

    @Test
    void pruneDryRunExitsOneWithTheForeignKeyRefusalTheRealRunWouldMeet() throws Exception {
        seed();
        db.execute("INSERT INTO orchestrator.users (id, subject, email, nickname, name, surname) VALUES "
                        + "('00000000-0000-0000-0000-000000000001', 's', 'e@x', 'n', 'n', 's')",
                "INSERT INTO orchestrator.usage_quotas (id, user_id, plan_id) SELECT gen_random_uuid(), "
                        + "'00000000-0000-0000-0000-000000000001', id FROM orchestrator.usage_plans WHERE slug = 'pro'");
        Path plans = seedDir.resolve("usage_plans.json");
        Files.writeString(plans, """
                [{"slug": "free", "name": "Free", "monthly_token_limit": 500000, "daily_request_limit": null, "max_tokens_per_request": null}]""");
        List<List<String>> before = catalogRows();
        for (String[] args : List.of(new String[] {"--prune", "--dry-run"}, new String[] {"--prune"})) {
            Run run = seed(args);
            assertEquals(1, run.exitCode(), String.join(" ", args));
            assertTrue(run.err().contains("usage_plans slug \"pro\"") && run.err().contains("usage_quotas"), run.err());
        }
        assertEquals(before, catalogRows());
    }

    @Test
    void schemaComparesTheCommittedSchemasAndWritesThemOnRequest() throws IOException {
        Run same = cli(Map.of(), "--seed-dir", seedDir.toString(), "schema");
        assertEquals(0, same.exitCode(), same.out() + same.err());
        Path tools = seedDir.resolve("tools.schema.json");
        String derived = Files.readString(tools);
        Files.writeString(tools, derived.replace("\"minLength\" : 1", "\"minLength\" : 2"));
        Run differs = cli(Map.of(), "--seed-dir", seedDir.toString(), "schema");
        assertEquals(1, differs.exitCode());
        assertTrue(differs.out().contains("differs   " + tools), differs.out());
        assertTrue(differs.err().contains("--write"), differs.err());
        Run write = cli(Map.of(), "--seed-dir", seedDir.toString(), "schema", "--write");
        assertEquals(0, write.exitCode(), write.err());
        assertEquals(derived, Files.readString(tools));
    }
}
