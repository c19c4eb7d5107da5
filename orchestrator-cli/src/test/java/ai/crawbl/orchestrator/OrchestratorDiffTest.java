package ai.crawbl.orchestrator;

import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code crawbl platform orchestrator diff}: both databases compared with their migrations, PostgreSQL reached by a
 * URL with {@code currentSchema=orchestrator} as production connections often are, ClickHouse embedded.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class OrchestratorDiffTest {

    private static final Path PROJECT_MIGRATIONS = Path.of("../migrations").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err) {
    }

    private Run cli(PostgresDatabase database, String... command) {
        var endpoint = database.endpoint();
        String url = endpoint.jdbcUrl() + "?currentSchema=orchestrator&user=" + endpoint.user() + "&password=" + endpoint.password();
        String[] args = java.util.stream.Stream.concat(java.util.stream.Stream.of("--migrations", PROJECT_MIGRATIONS.toString(),
                "--url", url, "--clickhouse", "embedded:" + tmp.resolve("clickhouse")), java.util.Arrays.stream(command)).toArray(String[]::new);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = OrchestratorCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), Map.of());
        Run run = new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        assertFalse((run.out() + run.err()).contains(endpoint.password()), "the password is never printed");
        return run;
    }

    @Test
    void bothDatabasesMatchAfterMigrateAndAHandMadeChangeIsReported(PostgresDatabase shared) throws Exception {
        PostgresDatabase database = shared.sibling();
        try {
            assertEquals(0, cli(database, "migrate").exitCode());
            Run clean = cli(database, "diff");
            assertEquals(0, clean.exitCode(), clean.out() + clean.err());
            assertTrue(clean.out().contains("matches its migrations at version 12"), clean.out());
            assertTrue(clean.out().contains("database crawbl matches its migrations at version 1"), clean.out());

            database.execute("DROP INDEX orchestrator.memory_drawers_embedding_ivfflat_idx");
            Run drifted = cli(database, "diff");
            assertEquals(1, drifted.exitCode(), drifted.err());
            assertTrue(drifted.out().contains("@@ orchestrator.memory_drawers @@\n- index memory_drawers_embedding_ivfflat_idx missing\n"),
                    drifted.out());

            JsonNode json = new ObjectMapper().readTree(cli(database, "diff", "--format", "json").out());
            assertFalse(json.get("equal").asBoolean());
            assertEquals("orchestrator.memory_drawers: index memory_drawers_embedding_ivfflat_idx missing",
                    json.get("postgres").get("lines").get(0).asText());
            assertTrue(json.get("clickhouse").get("equal").asBoolean());
        } finally {
            shared.server().dropDatabase(database.name());
        }
    }

    @Test
    void migrateWithCheckDriftMigratesAFreshDatabaseThenRefusesADriftedOne(PostgresDatabase shared) throws Exception {
        PostgresDatabase database = shared.sibling();
        try {
            Run fresh = cli(database, "migrate", "--check-drift");
            assertEquals(0, fresh.exitCode(), fresh.err());
            database.execute("ALTER TABLE orchestrator.users ADD COLUMN nickname2 text",
                    "DELETE FROM orchestrator.crawbl_schema_history WHERE version = 12");
            Run refused = cli(database, "migrate", "--check-drift");
            assertEquals(1, refused.exitCode(), refused.out());
            // At version 11 agent_memories still exists (000012 drops it): its absence is drift too.
            assertTrue(refused.err().contains("refusing to migrate: the databases have drifted from their migrations:\n"
                    + "  table orchestrator.agent_memories missing\n"
                    + "  orchestrator.users: column nickname2 not in the migrations\n"), refused.err());
            assertEquals("11", database.queryValue("SELECT max(version) FROM orchestrator.crawbl_schema_history"), "nothing was migrated");

            Run status = cli(database, "status", "--check-drift", "--format", "json");
            assertEquals(1, status.exitCode(), status.err());
            JsonNode json = new ObjectMapper().readTree(status.out());
            assertEquals("status", json.get("status").get("command").asText());
            assertTrue(json.get("drift").get("postgres").get("lines").toString().contains("orchestrator.users: column nickname2 not in the migrations"),
                    json.toString());
        } finally {
            shared.server().dropDatabase(database.name());
        }
    }

    @Test
    void withoutClickHouseOnlyPostgresIsCompared(PostgresDatabase shared) throws Exception {
        PostgresDatabase database = shared.sibling();
        try {
            var endpoint = database.endpoint();
            String url = endpoint.jdbcUrl() + "?user=" + endpoint.user() + "&password=" + endpoint.password();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = OrchestratorCli.run(new String[]{"--migrations", PROJECT_MIGRATIONS.toString(), "--url", url, "diff", "--format", "json"},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Map.of());
            JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
            // An empty database has no history: it is compared with every migration, and every table is missing.
            assertEquals(1, code);
            assertTrue(json.get("postgres").get("lines").toString().contains("table orchestrator.users missing"), json.toString());
            assertTrue(json.get("clickhouse").get("skipped").asBoolean());
        } finally {
            shared.server().dropDatabase(database.name());
        }
    }
}
