package ai.crawbl.migrations.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The PostgreSQL conventions, one rule at a time: a folder breaking a rule gets exactly that finding. */
class PostgresLintTest {

    @TempDir
    Path dir;

    private void write(String name, String sql) throws IOException {
        Files.writeString(dir.resolve(name), sql);
    }

    /** The findings as {@code file:line: rule}, without messages. */
    private List<String> findings() throws IOException {
        return new PostgresLint().check(dir).stream().map(f -> f.file() + ":" + f.line() + ": " + f.rule()).toList();
    }

    /** The findings of {@code rule} in one migration file, {@code 000001_m.up.sql}. */
    private List<String> findingsFor(String rule, String sql) throws IOException {
        write("000001_m.up.sql", sql);
        return findings().stream().filter(f -> f.endsWith(": " + rule)).toList();
    }

    /** All findings of one migration file, {@code 000001_m.up.sql}. */
    private List<String> findingsFor(String sql) throws IOException {
        write("000001_m.up.sql", sql);
        return findings();
    }

    @Test
    void aFolderFollowingTheConventionsHasNoFindings() throws IOException {
        write("000001_create_all.up.sql", """
                -- Words in comments never count: CREATE TABLE users (id uuid DEFAULT gen_random_uuid(), t timestamp);
                CREATE SCHEMA IF NOT EXISTS orchestrator;
                CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public;

                CREATE TABLE IF NOT EXISTS orchestrator.users (
                    id          uuid PRIMARY KEY,
                    subject     text NOT NULL UNIQUE,
                    note        text NOT NULL DEFAULT 'not DEFAULT gen_random_uuid(), timestamp or DROP TABLE x',
                    created_at  timestamptz NOT NULL DEFAULT now(),
                    deleted_at  timestamp with time zone,
                    "timestamp" timestamptz
                );
                /* nor in block comments: ALTER TABLE users ADD COLUMN x timestamp; */
                CREATE TABLE IF NOT EXISTS orchestrator.usage_counters (
                    user_id   uuid NOT NULL REFERENCES orchestrator.users (id) ON DELETE CASCADE,
                    period    text NOT NULL,
                    embedding public.vector(1536),
                    cost_usd  numeric(12,6) NOT NULL DEFAULT 0,
                    PRIMARY KEY (user_id, period)
                );
                CREATE UNIQUE INDEX IF NOT EXISTS usage_counters_period_idx
                    ON orchestrator.usage_counters (period) WHERE period <> '';

                CREATE OR REPLACE FUNCTION orchestrator.touch() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.created_at := now()::timestamp; -- a body is a string to the lint
                    RETURN NEW;
                END;
                $$;
                CREATE OR REPLACE FUNCTION orchestrator.user_count() RETURNS bigint LANGUAGE sql
                BEGIN ATOMIC
                    SELECT count(*) FROM orchestrator.users;
                END;
                CREATE TRIGGER users_touch BEFORE UPDATE ON orchestrator.users
                    FOR EACH ROW EXECUTE FUNCTION orchestrator.touch();
                """);
        write("000002_add_columns.up.sql", """
                -- lint:ignore drop-column: legacy has been unused since the users service moved to nickname
                ALTER TABLE orchestrator.users
                    ADD COLUMN IF NOT EXISTS nickname text,
                    ADD COLUMN IF NOT EXISTS "timestamp" timestamptz,
                    ADD COLUMN IF NOT EXISTS workspace_id uuid REFERENCES orchestrator.users (id),
                    DROP COLUMN IF EXISTS legacy,
                    ALTER COLUMN nickname SET DEFAULT '',
                    DROP CONSTRAINT IF EXISTS users_nickname_check,
                    ADD CONSTRAINT users_nickname_check CHECK (nickname <> '') NOT VALID;
                ALTER TABLE IF EXISTS orchestrator.users DROP CONSTRAINT IF EXISTS users_old_check;
                ALTER TYPE orchestrator.state ADD VALUE IF NOT EXISTS 'raw';
                UPDATE orchestrator.users SET nickname = 'CREATE TABLE t (x timestamp)' WHERE nickname IS NULL;
                -- lint:ignore index-concurrently: usage_counters is read by one nightly job only
                DROP INDEX IF EXISTS orchestrator.usage_counters_period_idx;
                -- lint:ignore drop-table: both were retired in the previous release; nothing reads them
                DROP TABLE IF EXISTS orchestrator.agent_memories, orchestrator.old CASCADE;
                """);
        write("000003_ivfflat_index.up.sql", """
                -- crawbl:no-transaction
                CREATE INDEX CONCURRENTLY IF NOT EXISTS usage_counters_embedding_idx
                    ON orchestrator.usage_counters USING ivfflat (embedding vector_cosine_ops) WITH (lists = 100);
                """);
        write("000004_users_workspace_id_idx.up.sql", """
                -- crawbl:no-transaction
                CREATE INDEX CONCURRENTLY IF NOT EXISTS users_workspace_id_idx ON orchestrator.users (workspace_id);
                """);
        write("README.md", "not a migration");
        Files.createDirectories(dir.resolve("seed"));
        write("seed/tools.json", "[]");

        assertEquals(List.of(), findings());
    }

    @Test
    void aFindingPrintsAsFileLineRuleMessage() throws IOException {
        write("000001_m.up.sql", "\n\nCREATE TABLE IF NOT EXISTS users (id uuid PRIMARY KEY);\n");

        assertEquals(List.of("000001_m.up.sql:3:28: error schema: CREATE TABLE users: qualify it as orchestrator.users"),
                new PostgresLint().check(dir).stream().map(Finding::toString).toList());
    }

    @Test
    void naming_versionIsSixZeroPaddedDigitsAndTheDescriptionLowercaseSnakeCase() throws IOException {
        write("000001_create_all.up.sql", "");
        write("000002_AddUsers.up.sql", "");
        write("3_short.up.sql", "");
        write("000004_no_direction.sql", "");
        write("000005_trailing_.up.sql", "");

        assertEquals(List.of("000002_AddUsers.up.sql:1: naming", "000004_no_direction.sql:1: naming",
                "000005_trailing_.up.sql:1: naming", "3_short.up.sql:1: naming"), findings());
    }

    @Test
    void sequence_versionsStartAtOneWithoutGaps() throws IOException {
        write("000002_second.up.sql", "");
        write("000003_third.up.sql", "");
        write("000005_fifth.up.sql", "");

        assertEquals(List.of("000002_second.up.sql:1: sequence", "000005_fifth.up.sql:1: sequence"), findings());
    }

    @Test
    void sequence_noVersionIsUsedTwice() throws IOException {
        write("000001_first.up.sql", "");
        write("000002_second.up.sql", "");
        write("000002_also_second.up.sql", "");

        assertEquals(List.of("000002_second.up.sql:1: sequence"), findings());
    }

    @Test
    void downFile_migrationsAreUpOnly() throws IOException {
        write("000001_first.up.sql", "");
        write("000001_first.down.sql", "DROP TABLE orchestrator.users;");

        assertEquals(List.of("000001_first.down.sql:1: down-file"), findings());
    }

    @Test
    void schema_everyDdlTargetNamesOrchestrator() throws IOException {
        assertEquals(List.of("000001_m.up.sql:1: schema", "000001_m.up.sql:2: schema", "000001_m.up.sql:3: schema",
                "000001_m.up.sql:4: schema", "000001_m.up.sql:5: schema", "000001_m.up.sql:6: schema",
                "000001_m.up.sql:7: schema", "000001_m.up.sql:8: schema"), findingsFor("schema", """
                CREATE TABLE IF NOT EXISTS users (id uuid PRIMARY KEY);
                CREATE TABLE IF NOT EXISTS public.users (id uuid PRIMARY KEY);
                CREATE INDEX IF NOT EXISTS users_idx ON users (id);
                ALTER TABLE orchestrator.a ADD COLUMN IF NOT EXISTS user_id uuid REFERENCES users (id);
                CREATE OR REPLACE VIEW active_users AS SELECT 1;
                DROP TABLE IF EXISTS orchestrator.a, b;
                CREATE SCHEMA IF NOT EXISTS app;
                CREATE TRIGGER t BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION orchestrator.touch();
                CREATE EXTENSION IF NOT EXISTS vector;
                CREATE TABLE IF NOT EXISTS "orchestrator"."Quoted" (id uuid PRIMARY KEY, e public.vector(3));
                """));
    }

    @Test
    void guard_createTableIndexSequenceSchemaExtensionTakeIfNotExists() throws IOException {
        assertEquals(List.of("000001_m.up.sql:1: guard", "000001_m.up.sql:2: guard", "000001_m.up.sql:3: guard",
                "000001_m.up.sql:4: guard", "000001_m.up.sql:5: guard", "000001_m.up.sql:7: guard"), findingsFor("guard", """
                CREATE SCHEMA orchestrator;
                CREATE EXTENSION vector;
                CREATE TABLE orchestrator.users (id uuid PRIMARY KEY);
                CREATE SEQUENCE orchestrator.counter;
                CREATE UNIQUE INDEX users_idx ON orchestrator.users (id);
                CREATE INDEX IF NOT EXISTS users_named_idx ON orchestrator.users (id);
                CREATE INDEX ON orchestrator.users (id);
                """));
    }

    @Test
    void guard_dropTakesIfExists() throws IOException {
        assertEquals(List.of("000001_m.up.sql:1: guard", "000001_m.up.sql:2: guard", "000001_m.up.sql:3: guard"),
                findingsFor("guard", """
                        DROP TABLE orchestrator.users;
                        DROP INDEX orchestrator.users_idx;
                        DROP MATERIALIZED VIEW orchestrator.stats;
                        DROP FUNCTION IF EXISTS orchestrator.touch();
                        """));
    }

    @Test
    void guard_alterTableAddsAndDropsColumnsWithGuardsButAlterTableItselfMayGoUnguarded() throws IOException {
        assertEquals(List.of("000001_m.up.sql:2: guard", "000001_m.up.sql:3: guard", "000001_m.up.sql:5: guard",
                "000001_m.up.sql:6: guard"), findingsFor("guard", """
                ALTER TABLE orchestrator.users
                    ADD COLUMN nickname text,
                    DROP COLUMN legacy,
                    ALTER COLUMN email DROP NOT NULL,
                    DROP CONSTRAINT users_check;
                ALTER TYPE orchestrator.state ADD VALUE 'raw';
                ALTER TABLE orchestrator.users ADD CONSTRAINT users_email_key UNIQUE (email);
                """));
    }

    @Test
    void uuidDefault_theApplicationGeneratesUuids() throws IOException {
        assertEquals(List.of("000001_m.up.sql:3: uuid-default", "000001_m.up.sql:4: uuid-default",
                "000001_m.up.sql:5: uuid-default", "000001_m.up.sql:7: uuid-default",
                "000001_m.up.sql:9: uuid-default"), findingsFor("uuid-default", """
                CREATE TABLE IF NOT EXISTS orchestrator.users (
                    id uuid PRIMARY KEY,
                    a  uuid NOT NULL DEFAULT gen_random_uuid(),
                    b  uuid DEFAULT public.uuid_generate_v4(),
                    c  uuid DEFAULT '00000000-0000-0000-0000-000000000000',
                    d  text DEFAULT 'gen_random_uuid()',
                    e  text DEFAULT gen_random_uuid()::text
                );
                ALTER TABLE orchestrator.users ALTER COLUMN id SET DEFAULT gen_random_uuid();
                ALTER TABLE orchestrator.users ADD COLUMN IF NOT EXISTS f uuid[] NOT NULL DEFAULT '{}';
                ALTER TABLE orchestrator.users ADD COLUMN IF NOT EXISTS g int GENERATED BY DEFAULT AS IDENTITY;
                """));
    }

    @Test
    void primaryKey_aSingleColumnKeyIsAUuid() throws IOException {
        assertEquals(List.of("000001_m.up.sql:2: primary-key", "000001_m.up.sql:3: primary-key",
                "000001_m.up.sql:7: primary-key"), findingsFor("primary-key", """
                CREATE TABLE IF NOT EXISTS orchestrator.a (id uuid PRIMARY KEY);
                CREATE TABLE IF NOT EXISTS orchestrator.b (id bigserial PRIMARY KEY);
                CREATE TABLE IF NOT EXISTS orchestrator.c (slug text NOT NULL PRIMARY KEY);
                CREATE TABLE IF NOT EXISTS orchestrator.d (
                    slug text NOT NULL,
                    name text NOT NULL,
                    CONSTRAINT d_pkey PRIMARY KEY (slug)
                );
                CREATE TABLE IF NOT EXISTS orchestrator.e (user_id uuid, period text, PRIMARY KEY (user_id, period));
                CREATE TABLE IF NOT EXISTS orchestrator.f (id uuid NOT NULL, PRIMARY KEY (id));
                """));
    }

    @Test
    void timestamptz_timestampWithoutTimeZoneIsAFinding() throws IOException {
        assertEquals(List.of("000001_m.up.sql:3: timestamptz", "000001_m.up.sql:4: timestamptz",
                "000001_m.up.sql:5: timestamptz", "000001_m.up.sql:10: timestamptz"), findingsFor("timestamptz", """
                CREATE TABLE IF NOT EXISTS orchestrator.events (
                    id uuid PRIMARY KEY,
                    a timestamp NOT NULL,
                    b timestamp without time zone,
                    c TIMESTAMP(3),
                    d timestamptz,
                    e timestamp with time zone,
                    timestamp timestamptz
                );
                ALTER TABLE orchestrator.events ALTER COLUMN d TYPE timestamp;
                """));
    }

    @Test
    void concurrently_aConcurrentBuildNeedsTheNoTransactionDirective() throws IOException {
        assertEquals(List.of("000001_m.up.sql:3: concurrently"), findingsFor("concurrently", """
                -- builds the index without locking writes
                CREATE INDEX
                    CONCURRENTLY IF NOT EXISTS users_email_idx ON orchestrator.users (email);
                """));
    }

    @Test
    void concurrently_dropAndReindexConcurrentlyToo() throws IOException {
        assertEquals(List.of("000001_m.up.sql:1: concurrently", "000001_m.up.sql:2: concurrently"), findingsFor("concurrently", """
                DROP INDEX CONCURRENTLY IF EXISTS orchestrator.users_email_idx;
                REINDEX INDEX CONCURRENTLY orchestrator.users_email_idx;
                """));
    }

    @Test
    void noTransaction_aNoTransactionMigrationHoldsOneStatement() throws IOException {
        assertEquals(List.of("000001_m.up.sql:4: no-transaction"), findingsFor("no-transaction", """
                -- crawbl:no-transaction
                CREATE INDEX CONCURRENTLY IF NOT EXISTS a_idx ON orchestrator.users (a);

                CREATE INDEX CONCURRENTLY IF NOT EXISTS b_idx ON orchestrator.users (b);
                """));
    }

    @Test
    void noTransaction_theDirectiveIsExactAndOnTheFirstLine() throws IOException {
        write("000001_misplaced.up.sql", """
                -- builds an index
                -- crawbl:no-transaction
                CREATE INDEX CONCURRENTLY IF NOT EXISTS a_idx ON orchestrator.users (a);
                """);
        write("000002_misspelt.up.sql", """
                --crawbl:no-transaction
                CREATE INDEX CONCURRENTLY IF NOT EXISTS b_idx ON orchestrator.users (b);
                """);

        assertEquals(List.of("000001_misplaced.up.sql:2: no-transaction", "000001_misplaced.up.sql:3: concurrently",
                "000002_misspelt.up.sql:1: no-transaction", "000002_misspelt.up.sql:2: concurrently"), findings());
    }

    @Test
    void syntax_aScriptThatCannotBeSplitIsAFindingAtItsLine() throws IOException {
        assertEquals(List.of("000001_m.up.sql:2: syntax"), findingsFor("syntax", """
                CREATE SCHEMA IF NOT EXISTS orchestrator;
                \\set ON_ERROR_STOP on
                """));
    }

    @Test
    void encoding_migrationsAreUtf8() throws IOException {
        Files.write(dir.resolve("000001_m.up.sql"), new byte[] {'S', 'E', 'L', 'E', 'C', 'T', ' ', (byte) 0xff});

        assertEquals(List.of("000001_m.up.sql:1: encoding"), findings());
    }

    @Test
    void wordsInCommentsStringsAndQuotedIdentifiersNeverTrigger() throws IOException {
        assertEquals(List.of(), findingsFor("""
                -- DROP TABLE users; CREATE INDEX CONCURRENTLY x ON y (z); created_at timestamp
                /* CREATE TABLE users (id uuid DEFAULT gen_random_uuid()); /* nested: ADD COLUMN x int */ */
                COMMENT ON TABLE orchestrator.users IS 'CREATE TABLE users (at timestamp); DROP TABLE users';
                SELECT E'DEFAULT gen_random_uuid() \\' REFERENCES users', $x$ ALTER TABLE users ADD COLUMN y int $x$;
                SELECT "timestamp", "DROP TABLE users" FROM orchestrator.events;
                """));
    }

    @Test
    void aMissingFolderIsAnError() {
        assertThrows(NotDirectoryException.class, () -> new PostgresLint().check(dir.resolve("missing")));
    }
}
