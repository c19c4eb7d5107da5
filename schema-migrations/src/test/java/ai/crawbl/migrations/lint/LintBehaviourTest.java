package ai.crawbl.migrations.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the lint knows beyond one statement: the migration plan (a table from an earlier file exists, one from the same
 * file is new), suppressions with and without a reason, and the folder's {@code lint.properties} (severities, per-file
 * suppressions, the vector distance, cluster mode, the engine's lock timeout).
 */
class LintBehaviourTest {

    @TempDir
    Path dir;

    private void write(String name, String text) throws IOException {
        Files.writeString(dir.resolve(name), text);
    }

    /** {@code file:line: rule} of every finding, PostgreSQL. */
    private List<String> postgres() throws IOException {
        return new PostgresLint().check(dir).stream().map(f -> f.file() + ":" + f.line() + ": " + f.rule()).toList();
    }

    private List<String> clickhouse() throws IOException {
        return new ClickHouseLint().check(dir).stream().map(f -> f.file() + ":" + f.line() + ": " + f.rule()).toList();
    }

    private static final String NOTES = """
            CREATE TABLE IF NOT EXISTS orchestrator.notes (id uuid PRIMARY KEY, author text, body text, score integer);
            """;

    /** The same statements, which are harmless on a new table and hurt an existing one. */
    private static final String RISKY = """
            CREATE INDEX IF NOT EXISTS notes_author_idx ON orchestrator.notes (author);
            ALTER TABLE orchestrator.notes ADD COLUMN IF NOT EXISTS status text NOT NULL;
            ALTER TABLE orchestrator.notes ALTER COLUMN score TYPE bigint;
            UPDATE orchestrator.notes SET body = '';
            ALTER TABLE orchestrator.notes DROP COLUMN IF EXISTS body;
            DROP TABLE IF EXISTS orchestrator.notes;
            """;

    @Test
    void statementsOnATableFromAnEarlierMigrationAreFlagged() throws IOException {
        write("000001_notes.up.sql", NOTES);
        write("000002_change.up.sql", RISKY);

        assertEquals(List.of("000002_change.up.sql:1: index-concurrently", "000002_change.up.sql:2: add-column-not-null",
                "000002_change.up.sql:3: alter-column-type", "000002_change.up.sql:4: whole-table-change",
                "000002_change.up.sql:5: drop-column", "000002_change.up.sql:6: drop-table"), postgres());
    }

    @Test
    void theSameStatementsOnATableTheSameMigrationCreatesAreNot() throws IOException {
        write("000001_notes.up.sql", NOTES + RISKY);

        assertEquals(List.of(), postgres());
    }

    @Test
    void aTableNoMigrationCreatesCountsAsExisting() throws IOException {
        write("000001_change.up.sql", "CREATE INDEX IF NOT EXISTS t_a_idx ON orchestrator.created_elsewhere (a);\n");

        assertEquals(List.of("000001_change.up.sql:1: index-concurrently"), postgres());
    }

    @Test
    void aTableDroppedAndCreatedAgainByALaterMigrationIsNewThere() throws IOException {
        write("000001_notes.up.sql", NOTES);
        write("000002_recreate.up.sql", """
                -- lint:ignore drop-table: notes held only test rows
                DROP TABLE IF EXISTS orchestrator.notes;
                """ + NOTES + "CREATE INDEX IF NOT EXISTS notes_author_idx ON orchestrator.notes (author);\n");

        assertEquals(List.of(), postgres());
    }

    @Test
    void ivfflatIsFlaggedInTheMigrationThatCreatesItsTableNotInALaterOne() throws IOException {
        String table = "CREATE TABLE IF NOT EXISTS orchestrator.chunks (id uuid PRIMARY KEY, embedding public.vector(3));\n";
        String index = "CREATE INDEX CONCURRENTLY IF NOT EXISTS chunks_embedding_idx ON orchestrator.chunks"
                + " USING ivfflat (embedding public.vector_cosine_ops) WITH (lists = 10);\n";
        write("000001_chunks.up.sql", table);
        write("000002_index.up.sql", "-- crawbl:no-transaction\n" + index);
        assertEquals(List.of(), postgres());

        Files.delete(dir.resolve("000002_index.up.sql"));
        write("000001_chunks.up.sql", table + index.replace("CONCURRENTLY ", ""));
        assertEquals(List.of("000001_chunks.up.sql:2: ivfflat-empty-table"), postgres());
    }

    @Test
    void aSuppressionWithAReasonSilencesItsRuleInTheStatementBelow() throws IOException {
        write("000001_notes.up.sql", NOTES);
        write("000002_drop.up.sql", """
                -- lint:ignore drop-table: notes moved to documents; nothing reads them since release 42
                DROP TABLE IF EXISTS orchestrator.notes;
                """);

        assertEquals(List.of(), postgres());
    }

    @Test
    void aSuppressionWithoutAReasonSilencesNothingAndIsItselfAFinding() throws IOException {
        write("000001_notes.up.sql", NOTES);
        write("000002_drop.up.sql", """
                -- lint:ignore drop-table
                DROP TABLE IF EXISTS orchestrator.notes;
                -- lint:ignore drop-table:
                DROP TABLE IF EXISTS orchestrator.notes;
                """);

        assertEquals(List.of("000002_drop.up.sql:1: suppression", "000002_drop.up.sql:2: drop-table",
                "000002_drop.up.sql:3: suppression", "000002_drop.up.sql:4: drop-table"), postgres());
    }

    @Test
    void unusedMisplacedAndUnknownSuppressionsAreFindings() throws IOException {
        write("000001_notes.up.sql", NOTES + """
                -- lint:ignore drop-table: nothing to drop here
                CREATE INDEX IF NOT EXISTS notes_body_idx ON orchestrator.notes (body);
                -- lint:ignore no-such-rule: a typo
                CREATE INDEX IF NOT EXISTS notes_score_idx ON orchestrator.notes (score);
                -- lint:ignore drop-table: a comment at the end of the file stands before nothing
                """);

        assertEquals(List.of("000001_notes.up.sql:2: suppression", "000001_notes.up.sql:4: suppression",
                "000001_notes.up.sql:6: suppression"), postgres());
    }

    @Test
    void stackedSuppressionsEachSilenceTheirRule() throws IOException {
        write("000001_notes.up.sql", NOTES);
        write("000002_change.up.sql", """
                -- lint:ignore drop-column: body moved to content in release 42
                -- lint:ignore alter-column-type: notes has a few hundred rows; the rewrite takes milliseconds
                ALTER TABLE orchestrator.notes DROP COLUMN IF EXISTS body, ALTER COLUMN score TYPE bigint;
                """);

        assertEquals(List.of(), postgres());
    }

    @Test
    void severitiesFromTheConfigurationTurnErrorsIntoWarningsOrOff() throws IOException {
        write("000001_notes.up.sql", NOTES);
        write("000002_change.up.sql", "UPDATE orchestrator.notes SET body = '';\nDROP TABLE IF EXISTS orchestrator.notes;\n");
        write("lint.properties", "severity.whole-table-change = warning\nseverity.drop-table = off\n");

        LintReport report = new PostgresLint().run(dir, LintOptions.NONE);
        assertEquals(List.of("whole-table-change"), report.findings().stream().map(Finding::rule).toList());
        assertEquals(Severity.WARNING, report.findings().getFirst().severity());
        assertFalse(report.failed(), "warnings alone do not fail the lint");

        LintReport strict = new PostgresLint().run(dir, LintOptions.NONE.withSeverity("whole-table-change", Severity.ERROR));
        assertTrue(strict.failed(), "an option wins over the file");
    }

    @Test
    void aWholeFileIsAcknowledgedInTheConfigurationWithAReason() throws IOException {
        write("000001_notes.up.sql", NOTES);
        write("000002_change.up.sql", "CREATE INDEX IF NOT EXISTS notes_author_idx ON orchestrator.notes (author);\n");
        write("lint.properties", "ignore.000002_change.up.sql = index-concurrently: applied everywhere; checksummed\n");
        assertEquals(List.of(), postgres());

        write("lint.properties", """
                ignore.000002_change.up.sql = index-concurrently
                ignore.000001_notes.up.sql = drop-table: the file drops nothing
                ignore.000009_missing.up.sql = drop-table: no such file
                """);
        assertEquals(List.of("000002_change.up.sql:1: index-concurrently", "lint.properties:1: suppression",
                "lint.properties:2: suppression", "lint.properties:3: suppression"), postgres());
    }

    @Test
    void aConfigurationLineTheLintCannotReadIsAFinding() throws IOException {
        write("lint.properties", """
                # comments and blank lines are fine

                severity.guard = fatal
                severity.no-such-rule = warning
                vector.distance = euclid
                colour = blue
                """);

        assertEquals(List.of("lint.properties:3: config", "lint.properties:4: config", "lint.properties:5: config",
                "lint.properties:6: config"), postgres());
    }

    @Test
    void theVectorDistanceConventionIsConfigurable() throws IOException {
        write("000001_chunks.up.sql", """
                CREATE TABLE IF NOT EXISTS orchestrator.chunks (id uuid PRIMARY KEY, embedding public.halfvec(3));
                CREATE INDEX IF NOT EXISTS chunks_l2_idx ON orchestrator.chunks USING hnsw (embedding public.halfvec_l2_ops);
                CREATE INDEX IF NOT EXISTS chunks_cos_idx ON orchestrator.chunks USING hnsw (embedding public.halfvec_cosine_ops);
                """);
        assertEquals(List.of("000001_chunks.up.sql:2: vector-opclass"), postgres());

        write("lint.properties", "vector.distance = l2\n");
        assertEquals(List.of("000001_chunks.up.sql:3: vector-opclass"), postgres());
    }

    @Test
    void clickHouseEnginesMustMatchClusterMode() throws IOException {
        write("001_events.sql", """
                CREATE TABLE IF NOT EXISTS plain (id UUID) ENGINE = MergeTree ORDER BY id;
                CREATE TABLE IF NOT EXISTS replicated (id UUID) ENGINE = ReplicatedMergeTree ORDER BY id;
                CREATE TABLE IF NOT EXISTS spread (id UUID) ENGINE = Distributed(main, crawbl, replicated, rand());
                """);
        assertEquals(List.of("001_events.sql:2: cluster"), clickhouse());

        write("lint.properties", "cluster = main\n");
        assertEquals(List.of("001_events.sql:1: cluster"), clickhouse());

        write("002_on_cluster.sql", "CREATE TABLE IF NOT EXISTS t ON CLUSTER main (id UUID) ENGINE = ReplicatedMergeTree ORDER BY id;\n");
        assertEquals(List.of("001_events.sql:1: cluster", "002_on_cluster.sql:1: cluster"), clickhouse(),
                "the engine adds ON CLUSTER itself");
    }

    @Test
    void aMaterializedViewFromAnEarlierMigrationChangesOnlyThroughModifyQuery() throws IOException {
        write("001_views.sql", """
                CREATE TABLE IF NOT EXISTS events (id UUID, at DateTime) ENGINE = MergeTree ORDER BY id;
                CREATE TABLE IF NOT EXISTS daily (day Date, n UInt64) ENGINE = SummingMergeTree ORDER BY day;
                CREATE MATERIALIZED VIEW IF NOT EXISTS daily_mv TO daily AS SELECT toDate(at) AS day, count() AS n FROM events GROUP BY day;
                """);
        write("002_change.sql", """
                CREATE MATERIALIZED VIEW IF NOT EXISTS daily_mv TO daily AS SELECT toDate(at) AS day, 1 AS n FROM events;
                ALTER TABLE daily_mv MODIFY QUERY SELECT toDate(at) AS day, count() AS n FROM events GROUP BY day;
                ALTER TABLE daily_mv MODIFY COMMENT 'rollup';
                DROP TABLE IF EXISTS daily_mv;
                """);

        assertEquals(List.of("002_change.sql:1: view-change", "002_change.sql:3: view-change",
                "002_change.sql:4: view-change"), clickhouse());
    }

    @Test
    void theLockTimeoutRuleSpeaksOnlyWhenTheEngineRunsWithoutOne() throws IOException {
        write("000001_notes.up.sql", NOTES);
        write("000002_change.up.sql", "ALTER TABLE orchestrator.notes ADD COLUMN IF NOT EXISTS title text;\n");
        assertEquals(List.of(), postgres());

        write("lint.properties", "lock-timeout = off\n");
        assertEquals(List.of("000002_change.up.sql:1: lock-timeout"), postgres());
    }
}
