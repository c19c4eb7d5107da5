package ai.crawbl.migrations.cli;

import ai.crawbl.migrations.MigrationTarget;
import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.PostgresTarget;
import ai.crawbl.migrations.testing.EmbeddedClickHouseProcess;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code diff}, {@code status --check-drift} and {@code migrate --check-drift} as a person runs them. */
@ExtendWith(EmbeddedPostgresExtension.class)
class DiffCliTest {

    static final Path MIGRATIONS = Path.of("..", "migrations");

    private static PostgresDatabase migrated;
    private PostgresDatabase live;

    record Run(int exitCode, String out, String err) {
    }

    @BeforeAll
    static void migrate(PostgresDatabase database) {
        migrated = database;
        Migrator.configure().source(MigrationSource.directory(MIGRATIONS.resolve("orchestrator"), NamingScheme.POSTGRES))
                .target(PostgresTarget.at(database.endpoint())).load().migrate();
    }

    @BeforeEach
    void copy() throws Exception {
        live = new PostgresDatabase(migrated.server(), migrated.name() + "_" + System.nanoTime());
        migrated.server().createDatabase(live.name(), migrated.name());
    }

    @AfterEach
    void drop() throws Exception {
        migrated.server().dropDatabase(live.name());
    }

    private Run cli(PostgresEndpoint endpoint, String... args) {
        List<String> all = new ArrayList<>(List.of("--migrations", MIGRATIONS.toString()));
        all.addAll(List.of(args));
        all.addAll(List.of("--url", endpoint.jdbcUrl()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SchemaMigrationsCli.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                java.util.Map.of("PGUSER", endpoint.user(), "PGPASSWORD", endpoint.password()));
        Run run = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertFalse((run.out() + run.err()).contains(endpoint.password()), "the password is never printed");
        return run;
    }

    private Run cli(String... args) {
        return cli(live.endpoint(), args);
    }

    @Test
    void aCleanDatabaseExitsZeroAndSaysItMatches() {
        Run run = cli("diff");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains(" matches its migrations at version 12\n"), run.out());
    }

    @Test
    void driftIsPrintedGroupedByObjectAndExitsOne() throws Exception {
        live.execute("DROP INDEX orchestrator.memory_drawers_embedding_ivfflat_idx", "ALTER TABLE orchestrator.users ALTER nickname TYPE varchar(64)",
                "ALTER TABLE orchestrator.users ADD COLUMN nickname2 text");
        Run run = cli("diff");
        assertEquals(1, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("""
                @@ orchestrator.memory_drawers @@
                - index memory_drawers_embedding_ivfflat_idx missing
                @@ orchestrator.users @@
                ~ column nickname: type character varying(64), expected text
                + column nickname2 not in the migrations
                """), out);
        assertTrue(out.contains("has drifted from its migrations: 3 difference(s)"), out);
    }

    @Test
    void jsonIsOneDocumentWithEachDifference() throws Exception {
        live.execute("DROP INDEX orchestrator.users_email_key");
        Run run = cli("diff", "--format", "json");
        assertEquals(1, run.exitCode(), run.err());
        JsonNode document = new ObjectMapper().readTree(run.out());
        assertFalse(document.get("equal").asBoolean());
        assertEquals(12, document.get("version").asInt());
        assertEquals("orchestrator.users: index users_email_key missing", document.get("lines").get(0).asText());
        assertEquals("MISSING", document.get("differences").get(0).get("change").asText());
        assertTrue(document.get("phases").get("totalMillis").asLong() > 0);
    }

    @Test
    void ignoreOptionsLeaveOutKindsAndObjects() throws Exception {
        live.execute("COMMENT ON TABLE orchestrator.tools IS 'x'", "CREATE TABLE orchestrator.scratch (id integer)");
        assertEquals(1, cli("diff").exitCode());
        Run run = cli("diff", "--ignore", "comment", "--ignore-object", "orchestrator.scratch");
        assertEquals(0, run.exitCode(), run.out() + run.err());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, cli("diff", "--scratch", "elsewhere").exitCode());
        Run grants = cli("diff", "--ignore", "grants");
        assertEquals(2, grants.exitCode());
        assertTrue(grants.err().contains("grants are never compared"), grants.err());
    }

    @Test
    void anUnreachableDatabaseIsOneLineWithoutThePassword() {
        Run run = cli(new PostgresEndpoint("jdbc:postgresql://127.0.0.1:1/crawbl", "someone", "hunter2-secret"), "diff");
        assertEquals(1, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("error: cannot connect to jdbc:postgresql://127.0.0.1:1/crawbl as someone"), run.err());
    }

    @Test
    void statusWithCheckDriftMentionsTheDrift() throws Exception {
        assertEquals(0, cli("status", "--check-drift").exitCode());
        live.execute("DROP INDEX orchestrator.users_email_key");
        Run run = cli("status", "--check-drift");
        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.out().contains("- index users_email_key missing"), run.out());
        JsonNode document = new ObjectMapper().readTree(cli("status", "--check-drift", "--format", "json").out());
        assertEquals(12, document.get("status").get("currentVersion").asInt());
        assertEquals("orchestrator.users: index users_email_key missing", document.get("drift").get("lines").get(0).asText());
    }

    @Test
    void migrateWithCheckDriftRefusesADriftedDatabaseNamingTheDifferences() throws Exception {
        live.execute("DELETE FROM orchestrator." + MigrationTarget.HISTORY_TABLE + " WHERE version = 12",
                "CREATE TABLE orchestrator.agent_memories (workspace_id uuid NOT NULL, key text NOT NULL, PRIMARY KEY (workspace_id, key))",
                "CREATE INDEX users_nickname_idx ON orchestrator.users (nickname)");
        Run run = cli("migrate", "--check-drift");
        assertEquals(1, run.exitCode(), run.out());
        assertTrue(run.err().contains("refusing to migrate"), run.err());
        assertTrue(run.err().contains("orchestrator.users: index users_nickname_idx not in the migrations"), run.err());
        assertEquals("11", live.queryValue("SELECT max(version) FROM orchestrator." + MigrationTarget.HISTORY_TABLE), "nothing was migrated");
    }

    @Test
    void migrateWithCheckDriftMigratesAFreshDatabaseAndACleanOne() throws Exception {
        PostgresDatabase fresh = migrated.sibling();
        try {
            assertEquals(0, cli(fresh.endpoint(), "migrate", "--check-drift").exitCode());
            assertEquals("12", fresh.queryValue("SELECT max(version) FROM orchestrator." + MigrationTarget.HISTORY_TABLE));
        } finally {
            migrated.server().dropDatabase(fresh.name());
        }
        Run clean = cli("migrate", "--check-drift");
        assertEquals(0, clean.exitCode(), clean.err());
    }

    @Test
    void clickHouseDiffOnEmbeddedChdb(@TempDir Path data) throws Exception {
        // chDB holds one storage per process and this JVM's may be open: the CLI runs in JVMs of its own.
        assertEquals(0, clickHouse(data, "migrate").exitCode());
        Run clean = clickHouse(data, "diff");
        assertEquals(0, clean.exitCode(), clean.err());
        assertTrue(clean.out().contains("database crawbl matches its migrations at version 1"), clean.out());
        EmbeddedClickHouseProcess.Outcome altered = EmbeddedClickHouseProcess.run("--storage", data.toString(),
                "ALTER TABLE crawbl.llm_usage MODIFY TTL toDateTime(event_time) + INTERVAL 6 MONTH");
        assertEquals(0, altered.exitCode(), altered.stderr());
        Run drifted = clickHouse(data, "diff", "--format", "json");
        assertEquals(1, drifted.exitCode(), drifted.err());
        assertEquals("table llm_usage: ttl toDateTime(event_time) + toIntervalMonth(6), expected toDateTime(event_time) + toIntervalMonth(13)",
                new ObjectMapper().readTree(drifted.out()).get("lines").get(0).asText());
        assertEquals("", EmbeddedClickHouseProcess.run("--storage", data.toString(),
                "SELECT name FROM system.databases WHERE name LIKE 'crawbl_drift%'").stdout(), "the scratch database is gone");
    }

    private static Run clickHouse(Path data, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1"));
        String library = System.getProperty("crawbl.chdb.lib");
        if (library != null) {
            command.add("-Dcrawbl.chdb.lib=" + library);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), SchemaMigrationsCli.class.getName(),
                "--migrations", MIGRATIONS.toString(), "clickhouse", "--clickhouse", "embedded:" + data));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("diff", ".out");
        Path err = Files.createTempFile("diff", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            process.getOutputStream().close();
            int code = process.waitFor();
            return new Run(code, Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
