package ai.crawbl.migrations;

import ai.crawbl.migrations.lint.ClickHouseLint;
import ai.crawbl.migrations.lint.PostgresLint;
import ai.crawbl.migrations.source.Migration;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.sql.SqlScript;
import ai.crawbl.migrations.target.PostgresTarget;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The project's own migrations ({@code migrations/orchestrator}) on the embedded PostgreSQL with pgvector. */
@ExtendWith(EmbeddedPostgresExtension.class)
class OrchestratorSchemaTest {

    static final Path FOLDER = Path.of("..", "migrations", "orchestrator");
    static final Path DESCRIPTION = Path.of("..", "migrations", "snapshots", "orchestrator.txt");

    private static PostgresDatabase db;
    private static Results.MigrateResult firstRun;

    @BeforeAll
    static void migrate(PostgresDatabase database) {
        db = database;
        firstRun = migrator(db).migrate();
    }

    static Migrator migrator(PostgresDatabase database) {
        return Migrator.configure().source(MigrationSource.directory(FOLDER, NamingScheme.POSTGRES))
                .target(PostgresTarget.at(database.endpoint())).load();
    }

    private static List<String> column(String sql) throws SQLException {
        return db.query(sql).stream().map(List::getFirst).toList();
    }

    /** The project's migration files, as the engine reads them. */
    static List<Migration> files() {
        return MigrationSource.directory(FOLDER, NamingScheme.POSTGRES).load();
    }

    @Test
    void everyFileAppliesFromEmptyAndASecondRunAppliesNothing() {
        List<Migration> files = files();
        assertEquals(0, firstRun.initialVersion());
        assertEquals(files.getLast().version(), firstRun.finalVersion());
        assertEquals(files.stream().map(Migration::script).toList(), firstRun.applied().stream().map(Results.Step::script).toList());
        assertTrue(migrator(db).migrate().applied().isEmpty());
    }

    @Test
    void lintFindsNothingInTheProjectsFolders() throws Exception {
        assertEquals(List.of(), new PostgresLint().check(FOLDER));
        assertEquals(List.of(), new ClickHouseLint().check(FOLDER.resolveSibling("clickhouse")));
    }

    @Test
    void everyFileSucceedsWhenRunASecondTimeByHand() throws Exception {
        for (Migration migration : files()) {
            try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
                statement.execute("SET search_path TO orchestrator, public");
                connection.setAutoCommit(!migration.transactional());
                for (var each : SqlScript.postgres(migration.sql())) {
                    try {
                        statement.execute(each.sql());
                    } catch (SQLException e) {
                        fail(migration.script() + ":" + each.line() + " fails on a second run: " + e.getMessage());
                    }
                }
                if (migration.transactional()) {
                    connection.commit();
                }
            }
        }
    }

    @Test
    void everyTableOfTheOutlineButAgentMemoriesExists() throws SQLException {
        assertEquals(List.of("agent_delegations", "agent_history", "agent_messages", "agent_prompts", "agent_settings",
                        "agent_trigger_executions", "agent_triggers", "agent_usage_counters", "agents", "artifact_reviews",
                        "artifact_versions", "artifacts", "conversations", MigrationTarget.HISTORY_TABLE, "integration_categories",
                        "integration_connections", "integration_providers", "mcp_audit_logs", "memory_drawers", "memory_entities",
                        "memory_identities", "memory_triggers", "memory_triples", "memory_type_centroids", "messages",
                        "model_pricing", "models", "tool_categories", "tools", "usage_counters", "usage_plans", "usage_quotas",
                        "user_preferences", "user_push_tokens", "users", "workflow_definitions", "workflow_executions",
                        "workflow_step_executions", "workspaces"),
                column("SELECT tablename FROM pg_tables WHERE schemaname = 'orchestrator' ORDER BY 1"));
    }

    @Test
    void everyTableHasAPrimaryKeyAndSurrogateKeysAreUuidsWithoutADefault() throws SQLException {
        assertEquals(List.of(), column("""
                SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'orchestrator' AND c.relkind = 'r'
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p')"""));
        assertEquals(List.of(), column("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = 'orchestrator' AND data_type = 'uuid' AND column_default IS NOT NULL"""));
        assertEquals(List.of(), column("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = 'orchestrator' AND column_name = 'id' AND data_type <> 'uuid'"""));
    }

    @Test
    void naturalKeysAreUnique() throws SQLException {
        String uniques = """
                SELECT c.conrelid::regclass::text || '(' || string_agg(a.attname, ',' ORDER BY a.attnum) || ')'
                FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
                WHERE c.contype = 'u' AND c.connamespace = 'orchestrator'::regnamespace GROUP BY c.oid
                UNION
                SELECT i.indrelid::regclass::text || '(' || string_agg(a.attname, ',' ORDER BY a.attnum) || ')'
                FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indisunique AND NOT i.indisprimary AND i.indpred IS NULL
                  AND i.indrelid::regclass::text LIKE 'orchestrator.%' GROUP BY i.indexrelid""";
        List<String> found = column(uniques);
        for (String key : List.of("orchestrator.tools(name)", "orchestrator.models(slug)", "orchestrator.usage_plans(slug)",
                "orchestrator.tool_categories(slug)", "orchestrator.integration_categories(slug)",
                "orchestrator.integration_providers(provider)", "orchestrator.memory_type_centroids(memory_type)",
                "orchestrator.users(subject)", "orchestrator.users(email)", "orchestrator.agents(workspace_id,slug)",
                "orchestrator.artifact_versions(artifact_id,version)")) {
            assertTrue(found.contains(key), key + " is unique; found " + found);
        }
    }

    @Test
    void foreignKeysCascadeToOwnedRowsAndNullOptionalLinks() throws SQLException {
        List<String> keys = column("""
                SELECT c.conrelid::regclass::text || '.' || a.attname || ' -> ' || c.confrelid::regclass::text || ' ' || c.confdeltype::text
                FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                WHERE c.contype = 'f' AND c.connamespace = 'orchestrator'::regnamespace""");
        for (String key : List.of("orchestrator.workspaces.user_id -> orchestrator.users c",
                "orchestrator.agents.workspace_id -> orchestrator.workspaces c",
                "orchestrator.messages.conversation_id -> orchestrator.conversations c",
                "orchestrator.conversations.agent_id -> orchestrator.agents n",
                "orchestrator.messages.agent_id -> orchestrator.agents n",
                "orchestrator.memory_drawers.superseded_by -> orchestrator.memory_drawers n")) {
            assertTrue(keys.contains(key), key + " (c = cascade, n = set null); found " + keys);
        }
    }

    @Test
    void timestampsHaveTimeZonesAndEmbeddingsAreVector1536() throws SQLException {
        assertEquals(List.of(), column("""
                SELECT table_name || '.' || column_name FROM information_schema.columns
                WHERE table_schema = 'orchestrator' AND data_type = 'timestamp without time zone'"""));
        assertEquals(List.of("memory_drawers.embedding vector(1536)", "memory_entities.embedding vector(1536)",
                        "memory_type_centroids.centroid vector(1536)"),
                column("""
                        SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                        WHERE c.relnamespace = 'orchestrator'::regnamespace AND c.relkind = 'r' AND a.atttypid = 'public.vector'::regtype
                        ORDER BY 1"""));
    }

    @Test
    void theIvfflatIndexIsValidAndServesNearestNeighbourQueries() throws SQLException {
        assertEquals("t", db.queryValue("""
                SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_am am ON am.oid = c.relam
                WHERE c.relname = 'memory_drawers_embedding_ivfflat_idx' AND am.amname = 'ivfflat'"""));
        String randomVector = "(SELECT array_agg(random())::real[]::vector FROM generate_series(1, 1536))";
        db.execute("""
                INSERT INTO orchestrator.users (id, subject, email, nickname, name, surname)
                VALUES ('00000000-0000-0000-0000-0000000000aa', 'sub', 'a@example.org', 'n', 'n', 's')""", """
                INSERT INTO orchestrator.workspaces (id, user_id, name)
                VALUES ('00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000aa', 'w')""", """
                INSERT INTO orchestrator.memory_drawers (id, workspace_id, external_id, wing, room, hall, content, embedding, memory_type, source_file, added_by)
                SELECT gen_random_uuid(), '00000000-0000-0000-0000-000000000001', 'drawer-' || g, 'w', 'r', 'h', 'drawer ' || g,
                       (SELECT array_agg(random())::real[]::vector FROM generate_series(1, 1536) d WHERE d > g * 0), 'fact', 'f', 'test'
                FROM generate_series(1, 3000) g""", "ANALYZE orchestrator.memory_drawers");
        List<String> plan = column("EXPLAIN SELECT id FROM orchestrator.memory_drawers ORDER BY embedding <=> " + randomVector + " LIMIT 10");
        assertTrue(plan.stream().anyMatch(line -> line.contains("memory_drawers_embedding_ivfflat_idx")), String.join("\n", plan));
    }

    /**
     * The committed description ({@link SchemaDescription}) is the same on every PostgreSQL major from 13 on, so this
     * compares on whichever major the machine has, and fails rather than skips when there is nothing to compare with.
     */
    @Test
    void theCommittedDescriptionMatchesTheMigratedSchema() throws Exception {
        String actual = SchemaDescription.of(db.endpoint(), "orchestrator");
        if (Boolean.getBoolean("snapshot.update")) {
            Files.createDirectories(DESCRIPTION.getParent());
            Files.writeString(DESCRIPTION, actual);
        }
        assertTrue(Files.exists(DESCRIPTION), DESCRIPTION + " is missing: create it with -Dsnapshot.update=true and commit it");
        String committed = Files.readString(DESCRIPTION);
        Optional<String> difference = SchemaDescription.firstDifference(committed, actual);
        if (difference.isPresent()) {
            Path fresh = Path.of("target", DESCRIPTION.getFileName().toString());
            Files.writeString(fresh, actual);
            fail("the migrated schema differs from " + DESCRIPTION + ": review " + fresh + " (diff -u " + DESCRIPTION + " "
                    + fresh + ") and, if the change is intended, rerun with -Dsnapshot.update=true and commit it.\n"
                    + difference.get());
        }
    }
}
