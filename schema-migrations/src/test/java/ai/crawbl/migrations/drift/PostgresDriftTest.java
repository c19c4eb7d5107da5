package ai.crawbl.migrations.drift;

import ai.crawbl.migrations.MigrationException;
import ai.crawbl.migrations.MigrationTarget;
import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.postgres.EmbeddedPostgres;
import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.source.Migration;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.PostgresTarget;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PostgresDriftCheck} on the project's schema and on a chain shaped differently from ours: a clean database
 * compares equal however it was migrated; each kind of hand-made change is reported as exactly one line.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class PostgresDriftTest {

    static final Path PROJECT = Path.of("..", "migrations", "orchestrator");

    /** A chain of another shape: its own schema, identity and generated columns, collation, types, views, a trigger. */
    static final String CHAIN = """
            CREATE SCHEMA IF NOT EXISTS app;
            CREATE TYPE app.mood AS ENUM ('sad', 'happy');
            CREATE DOMAIN app.positive AS integer CHECK (VALUE > 0);
            CREATE SEQUENCE app.ticket_seq START 100 INCREMENT 5;
            CREATE TABLE app.people (
                id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                name text NOT NULL,
                code text COLLATE "C",
                mood app.mood,
                score app.positive,
                doubled integer GENERATED ALWAYS AS (score * 2) STORED,
                updated_at timestamptz
            );
            COMMENT ON TABLE app.people IS 'everyone';
            CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.updated_at := now(); RETURN NEW; END $$;
            CREATE TRIGGER people_touch BEFORE UPDATE ON app.people FOR EACH ROW EXECUTE FUNCTION app.touch();
            CREATE VIEW app.happy_people AS SELECT id, name FROM app.people WHERE mood = 'happy';
            CREATE MATERIALIZED VIEW app.people_count AS SELECT count(*) AS n FROM app.people;
            """;

    private static PostgresDatabase db;
    private static Path chain;

    @BeforeAll
    static void migrateTemplates(PostgresDatabase database, @TempDir Path folder) throws Exception {
        db = database;
        chain = Files.createDirectories(folder.resolve("chain"));
        Files.writeString(chain.resolve("000001_people.up.sql"), CHAIN);
        Migrator.configure().source(project()).target(PostgresTarget.at(db.endpoint())).load().migrate();
        PostgresDatabase app = db.sibling();
        app.execute("DROP EXTENSION vector"); // the chain does not use pgvector, so its databases do not have it
        Migrator.configure().source(MigrationSource.directory(chain, NamingScheme.POSTGRES)).target(PostgresTarget.at(app.endpoint()).schema("app"))
                .load().migrate();
        db.server().createDatabase("drift_chain", app.name());
        db.server().dropDatabase(app.name());
    }

    static MigrationSource project() {
        return MigrationSource.directory(PROJECT, NamingScheme.POSTGRES);
    }

    /** A copy of the migrated project schema, for one test to change. */
    private static PostgresDatabase copy(String template) throws Exception {
        PostgresDatabase copy = new PostgresDatabase(db.server(), template.replace('-', '_') + "_" + System.nanoTime());
        db.server().createDatabase(copy.name(), template);
        return copy;
    }

    private static DriftReport check(PostgresDatabase live, MigrationSource source, String schema) {
        return PostgresDriftCheck.of(source, PostgresTarget.at(live.endpoint()).schema(schema))
                .scratch(PostgresDriftCheck.Scratch.SAME_SERVER).run();
    }

    @Test
    void aCleanDatabaseMigratedByTheEngineComparesEqualInAThrowawayCluster() {
        DriftReport report = PostgresDriftCheck.of(project(), PostgresTarget.at(db.endpoint())).run();
        assertEquals(List.of(), report.drift().lines());
        assertEquals(12, report.version());
        assertTrue(report.expected().startsWith("throwaway embedded PostgreSQL"), report.expected());
    }

    static Stream<Arguments> projectDrift() {
        return Stream.of(
                Arguments.of("index dropped", "DROP INDEX orchestrator.memory_drawers_embedding_ivfflat_idx",
                        "orchestrator.memory_drawers: index memory_drawers_embedding_ivfflat_idx missing"),
                Arguments.of("index WITH option", "ALTER INDEX orchestrator.memory_drawers_embedding_ivfflat_idx SET (lists = 50)",
                        "orchestrator.memory_drawers: index memory_drawers_embedding_ivfflat_idx: definition CREATE INDEX"
                                + " memory_drawers_embedding_ivfflat_idx ON orchestrator.memory_drawers USING ivfflat (embedding"
                                + " public.vector_cosine_ops) WITH (lists='50'), expected CREATE INDEX memory_drawers_embedding_ivfflat_idx"
                                + " ON orchestrator.memory_drawers USING ivfflat (embedding public.vector_cosine_ops) WITH (lists='100')"),
                Arguments.of("index left INVALID", "UPDATE pg_index SET indisvalid = false"
                                + " WHERE indexrelid = 'orchestrator.memory_drawers_embedding_ivfflat_idx'::regclass",
                        "orchestrator.memory_drawers: index memory_drawers_embedding_ivfflat_idx is INVALID"),
                Arguments.of("column type", "ALTER TABLE orchestrator.users ALTER nickname TYPE varchar(64)",
                        "orchestrator.users: column nickname: type character varying(64), expected text"),
                Arguments.of("column nullability", "ALTER TABLE orchestrator.users ALTER avatar_url SET NOT NULL",
                        "orchestrator.users: column avatar_url: nullability NOT NULL, expected NULL"),
                Arguments.of("column default", "ALTER TABLE orchestrator.users ALTER country_code SET DEFAULT 'DE'",
                        "orchestrator.users: column country_code: default 'DE'::text, expected <none>"),
                Arguments.of("column added", "ALTER TABLE orchestrator.users ADD COLUMN nickname2 text",
                        "orchestrator.users: column nickname2 not in the migrations"),
                Arguments.of("table added", "CREATE TABLE orchestrator.scratch (id integer)",
                        "table orchestrator.scratch not in the migrations"),
                Arguments.of("table dropped", "DROP TABLE orchestrator.user_push_tokens",
                        "table orchestrator.user_push_tokens missing"),
                Arguments.of("foreign key action", "ALTER TABLE orchestrator.agent_history DROP CONSTRAINT agent_history_agent_id_fkey ;;"
                                + " ALTER TABLE orchestrator.agent_history ADD CONSTRAINT agent_history_agent_id_fkey FOREIGN KEY (agent_id)"
                                + " REFERENCES orchestrator.agents(id)",
                        "orchestrator.agent_history: constraint agent_history_agent_id_fkey: definition FOREIGN KEY (agent_id) REFERENCES"
                                + " orchestrator.agents(id), expected FOREIGN KEY (agent_id) REFERENCES orchestrator.agents(id) ON DELETE CASCADE"),
                Arguments.of("constraint NOT VALID", "ALTER TABLE orchestrator.agent_history DROP CONSTRAINT agent_history_agent_id_fkey ;;"
                                + " ALTER TABLE orchestrator.agent_history ADD CONSTRAINT agent_history_agent_id_fkey FOREIGN KEY (agent_id)"
                                + " REFERENCES orchestrator.agents(id) ON DELETE CASCADE NOT VALID",
                        "orchestrator.agent_history: constraint agent_history_agent_id_fkey: definition FOREIGN KEY (agent_id) REFERENCES"
                                + " orchestrator.agents(id) ON DELETE CASCADE NOT VALID, expected FOREIGN KEY (agent_id) REFERENCES"
                                + " orchestrator.agents(id) ON DELETE CASCADE"),
                Arguments.of("constraint deferrable", "ALTER TABLE orchestrator.agent_history ALTER CONSTRAINT agent_history_agent_id_fkey"
                                + " DEFERRABLE INITIALLY DEFERRED",
                        "orchestrator.agent_history: constraint agent_history_agent_id_fkey: definition FOREIGN KEY (agent_id) REFERENCES"
                                + " orchestrator.agents(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, expected FOREIGN KEY (agent_id)"
                                + " REFERENCES orchestrator.agents(id) ON DELETE CASCADE"),
                Arguments.of("check constraint", "ALTER TABLE orchestrator.agent_delegations DROP CONSTRAINT agent_delegations_duration_ms_check ;;"
                                + " ALTER TABLE orchestrator.agent_delegations ADD CONSTRAINT agent_delegations_duration_ms_check CHECK (duration_ms > 0)",
                        "orchestrator.agent_delegations: constraint agent_delegations_duration_ms_check: definition CHECK ((duration_ms > 0)),"
                                + " expected CHECK ((duration_ms >= 0))"),
                Arguments.of("extension added", "CREATE EXTENSION citext SCHEMA public",
                        "extension citext not in the migrations"),
                Arguments.of("extension comment", "COMMENT ON EXTENSION vector IS 'vectors'",
                        "extension vector: comment vectors, expected vector data type and ivfflat and hnsw access methods"),
                Arguments.of("table comment", "COMMENT ON TABLE orchestrator.tools IS 'the tools'",
                        "table orchestrator.tools: comment the tools, expected <none>"));
    }

    /** Each case: what kind of drift, the statements that make it (separated by {@code " ;; "}), and the one line expected. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("projectDrift")
    void eachChangeToTheProjectSchemaIsOneLine(String kind, String sql, String line) throws Exception {
        PostgresDatabase live = copy(db.name());
        try {
            assertEquals(List.of(), check(live, project(), "orchestrator").drift().lines(), "clean before " + kind);
            live.execute(sql.split(" ;; "));
            assertEquals(List.of(line), check(live, project(), "orchestrator").drift().lines());
        } finally {
            db.server().dropDatabase(live.name());
        }
    }

    static Stream<Arguments> chainDrift() {
        return Stream.of(
                Arguments.of("enum label", "ALTER TYPE app.mood ADD VALUE 'calm'",
                        "enum app.mood: labels 'sad', 'happy', 'calm', expected 'sad', 'happy'"),
                Arguments.of("domain check", "ALTER DOMAIN app.positive DROP CONSTRAINT positive_check",
                        "domain app.positive: definition integer, expected integer CHECK ((VALUE > 0))"),
                Arguments.of("sequence", "ALTER SEQUENCE app.ticket_seq INCREMENT 1",
                        "sequence app.ticket_seq: increment 1, expected 5"),
                Arguments.of("identity", "ALTER TABLE app.people ALTER id SET GENERATED BY DEFAULT",
                        "app.people: column id: identity BY DEFAULT, expected ALWAYS"),
                Arguments.of("generated column", "ALTER TABLE app.people ALTER doubled DROP EXPRESSION",
                        "app.people: column doubled: generated <none>, expected ((score)::integer * 2)"),
                Arguments.of("collation", "ALTER TABLE app.people ALTER code TYPE text COLLATE \"POSIX\"",
                        "app.people: column code: collation pg_catalog.\"POSIX\", expected pg_catalog.\"C\""),
                Arguments.of("function", "CREATE OR REPLACE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$",
                        "function app.touch(): definition CREATE OR REPLACE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $function$"
                                + " BEGIN RETURN NEW; END $function$, expected CREATE OR REPLACE FUNCTION app.touch() RETURNS trigger LANGUAGE"
                                + " plpgsql AS $function$ BEGIN NEW.updated_at := now(); RETURN NEW; END $function$"),
                Arguments.of("trigger", "ALTER TABLE app.people DISABLE TRIGGER people_touch",
                        "app.people: trigger people_touch: enabled disabled, expected origin"),
                Arguments.of("view", "CREATE OR REPLACE VIEW app.happy_people AS SELECT id, name FROM app.people WHERE mood = 'sad'",
                        "view app.happy_people: definition SELECT people.id, people.name FROM app.people WHERE (people.mood ="
                                + " 'sad'::app.mood);, expected SELECT people.id, people.name FROM app.people WHERE (people.mood ="
                                + " 'happy'::app.mood);"),
                Arguments.of("materialized view", "DROP MATERIALIZED VIEW app.people_count ;;"
                                + " CREATE MATERIALIZED VIEW app.people_count AS SELECT count(*) AS n FROM app.people WHERE mood IS NOT NULL",
                        "materialized view app.people_count: definition SELECT count(*) AS n FROM app.people WHERE (people.mood IS NOT NULL);,"
                                + " expected SELECT count(*) AS n FROM app.people;"),
                Arguments.of("comment", "COMMENT ON TABLE app.people IS 'persons'",
                        "table app.people: comment persons, expected everyone"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chainDrift")
    void eachChangeToAChainOfAnotherShapeIsOneLine(String kind, String sql, String line) throws Exception {
        PostgresDatabase live = copy("drift_chain");
        try {
            MigrationSource source = MigrationSource.directory(chain, NamingScheme.POSTGRES);
            assertEquals(List.of(), check(live, source, "app").drift().lines(), "clean before " + kind);
            live.execute(sql.split(" ;; "));
            assertEquals(List.of(line), check(live, source, "app").drift().lines());
        } finally {
            db.server().dropDatabase(live.name());
        }
    }

    @Test
    void theToolkitsOwnClusterKeepsItsExpectedDatabaseAndAnyOtherServerGetsAThrowawayCluster() {
        assertEquals(PostgresDriftCheck.Scratch.KEPT_ON_SERVER, PostgresDriftCheck.Scratch.defaultFor(db.server()));
        assertEquals(PostgresDriftCheck.Scratch.EMBEDDED, PostgresDriftCheck.Scratch.defaultFor(
                ai.crawbl.migrations.postgres.ExternalPostgres.fromUrl(db.endpoint().jdbcUrl(), java.util.Map.of())));
    }

    @Test
    void aKeptExpectedDatabaseIsReusedForTheSameFilesAndReplacedForOthers() throws Exception {
        String kept = "SELECT string_agg(datname, ',') FROM pg_database WHERE datname LIKE 'crawbl\\_expected\\_%'";
        PostgresDriftCheck check = PostgresDriftCheck.of(project(), PostgresTarget.at(db.endpoint())).scratch(PostgresDriftCheck.Scratch.KEPT_ON_SERVER);
        DriftReport first = check.run();
        String name = db.queryValue(kept);
        assertTrue(name.matches("crawbl_expected_[0-9a-f]{16}"), name);
        DriftReport second = check.run();
        assertEquals(List.of(), second.drift().lines());
        assertEquals(first.expected(), second.expected());
        assertEquals(name, db.queryValue(kept), "the same database, not migrated again");
        PostgresDatabase live = copy("drift_chain");
        try {
            PostgresDriftCheck.of(MigrationSource.directory(chain, NamingScheme.POSTGRES), PostgresTarget.at(live.endpoint()).schema("app"))
                    .scratch(PostgresDriftCheck.Scratch.KEPT_ON_SERVER).run();
            String replaced = db.queryValue(kept);
            assertFalse(replaced.contains(name), "the kept database of other files is dropped: " + replaced);
            assertFalse(replaced.contains(","), replaced);
        } finally {
            db.server().dropDatabase(live.name());
        }
    }

    @Test
    void ignoredKindsAndObjectsAreLeftOut() throws Exception {
        PostgresDatabase live = copy(db.name());
        try {
            live.execute("COMMENT ON TABLE orchestrator.tools IS 'the tools'", "CREATE TABLE orchestrator.scratch (id integer)");
            DriftReport report = PostgresDriftCheck.of(project(), PostgresTarget.at(live.endpoint()))
                    .scratch(PostgresDriftCheck.Scratch.SAME_SERVER)
                    .ignoring(new Ignoring(java.util.Set.of("comment"), java.util.Set.of("orchestrator.scratch"))).run();
            assertEquals(List.of(), report.drift().lines());
        } finally {
            db.server().dropDatabase(live.name());
        }
    }

    @Test
    void aDatabaseMigratedByPsqlFileByFileComparesEqual() throws Exception {
        PostgresDatabase live = db.sibling();
        try {
            EmbeddedPostgres server = (EmbeddedPostgres) db.server();
            for (Migration migration : project().load()) {
                ProcessBuilder psql = new ProcessBuilder(server.binaries().binDir().resolve("psql").toString(), "-X", "-q",
                        "-h", "127.0.0.1", "-p", Integer.toString(server.port()), "-U", live.endpoint().user(), "-d", live.name(),
                        "-v", "ON_ERROR_STOP=1", "-f", PROJECT.resolve(migration.script()).toString()).redirectErrorStream(true);
                psql.environment().put("PGPASSWORD", live.endpoint().password());
                Process run = psql.start();
                String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(0, run.waitFor(), migration.script() + ": " + output);
            }
            DriftReport report = check(live, project(), "orchestrator");
            assertEquals(List.of(), report.drift().lines());
            assertEquals(12, report.version());
            assertEquals(List.of(live.endpoint() + " schema orchestrator has no migration history: compared with every migration, up to version 12"),
                    report.warnings());
        } finally {
            db.server().dropDatabase(live.name());
        }
    }

    @Test
    void aDatabaseAdoptedFromGolangMigrateComparesEqualAtItsVersion() throws Exception {
        PostgresDatabase live = copy(db.name());
        try {
            live.execute("DROP TABLE orchestrator." + MigrationTarget.HISTORY_TABLE,
                    "DROP TABLE orchestrator.memory_type_centroids",
                    "CREATE TABLE orchestrator.agent_memories (workspace_id uuid NOT NULL, key text NOT NULL, content text NOT NULL,"
                            + " category text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL"
                            + " DEFAULT now(), PRIMARY KEY (workspace_id, key))",
                    "CREATE TABLE orchestrator.schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)",
                    "INSERT INTO orchestrator.schema_migrations VALUES (10, false)");
            DriftReport report = check(live, project(), "orchestrator");
            assertEquals(10, report.version());
            // At version 10 agent_memories exists (000004) and memory_type_centroids does not yet (000011); its index differs.
            List<String> lines = report.drift().lines();
            assertTrue(lines.stream().noneMatch(line -> line.contains("memory_type_centroids")), lines.toString());
            assertFalse(lines.contains("table orchestrator.agent_memories not in the migrations"), lines.toString());
        } finally {
            db.server().dropDatabase(live.name());
        }
    }

    @Test
    void aHistoryRecordedByAnOlderEngineComparesEqual() throws Exception {
        PostgresDatabase live = copy(db.name());
        try {
            for (Migration migration : project().load()) {
                String crlf = Migration.sha256(migration.sql().replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
                live.execute("UPDATE orchestrator." + MigrationTarget.HISTORY_TABLE + " SET checksum = '" + crlf + "' WHERE version = "
                        + migration.version());
            }
            DriftReport report = check(live, project(), "orchestrator");
            assertEquals(List.of(), report.drift().lines());
            assertEquals(List.of(), report.warnings());
            assertEquals(12, report.version());
        } finally {
            db.server().dropDatabase(live.name());
        }
    }

    @Test
    void aRoleThatCanOnlyReadIsEnough() throws Exception {
        PostgresDatabase live = copy(db.name());
        try {
            live.execute("DROP ROLE IF EXISTS drift_reader", "CREATE ROLE drift_reader LOGIN PASSWORD 'reader-secret-1'",
                    "GRANT USAGE ON SCHEMA orchestrator TO drift_reader", "GRANT SELECT ON ALL TABLES IN SCHEMA orchestrator TO drift_reader",
                    "DROP INDEX orchestrator.users_email_key");
            PostgresEndpoint reader = new PostgresEndpoint(live.endpoint().jdbcUrl(), "drift_reader", "reader-secret-1");
            DriftReport report = PostgresDriftCheck.of(project(), PostgresTarget.at(reader)).run();
            assertEquals(List.of("orchestrator.users: index users_email_key missing"), report.drift().lines());
            try (var connection = reader.connect(); var statement = connection.createStatement()) {
                assertThrows(java.sql.SQLException.class, () -> statement.execute("CREATE TABLE orchestrator.t (id int)"));
            }
        } finally {
            db.server().dropDatabase(live.name());
            db.execute("DROP ROLE IF EXISTS drift_reader");
        }
    }

    @Test
    void aHistoryNamingAVersionTheFilesLackIsRefusedNamingIt() throws Exception {
        PostgresDatabase live = copy(db.name());
        try {
            live.execute("INSERT INTO orchestrator." + MigrationTarget.HISTORY_TABLE + " SELECT 13, 'from_another_branch', kind,"
                    + " '000013_from_another_branch.up.sql', checksum, applied_at, applied_by, execution_ms, success, statements_done"
                    + " FROM orchestrator." + MigrationTarget.HISTORY_TABLE + " WHERE version = 12");
            MigrationException refused = assertThrows(MigrationException.class, () -> check(live, project(), "orchestrator"));
            assertTrue(refused.getMessage().contains("its history names version 13 (from_another_branch), which "), refused.getMessage());
        } finally {
            db.server().dropDatabase(live.name());
        }
    }

    @Test
    void anUnreachableDatabaseIsOneLineWithoutItsPassword() {
        PostgresEndpoint nowhere = new PostgresEndpoint("jdbc:postgresql://127.0.0.1:1/crawbl", "someone", "hunter2-secret");
        MigrationException failure = assertThrows(MigrationException.class,
                () -> PostgresDriftCheck.of(project(), PostgresTarget.at(nowhere)).run());
        assertFalse(failure.getMessage().contains("hunter2-secret"), failure.getMessage());
        assertTrue(failure.getMessage().startsWith("cannot connect to jdbc:postgresql://127.0.0.1:1/crawbl as someone"), failure.getMessage());
    }
}
