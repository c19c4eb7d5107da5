package ai.crawbl.migrations.clickhouse;

import ai.crawbl.migrations.MigrationException;
import ai.crawbl.migrations.MigrationTarget;
import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.Results;
import ai.crawbl.migrations.StatementFailure;
import ai.crawbl.migrations.contract.MigrationTargetContract;
import ai.crawbl.migrations.plan.AppliedMigration;
import ai.crawbl.migrations.plan.MigrationPlan.State;
import ai.crawbl.migrations.source.Migration;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.ClickHouseTarget;
import ai.crawbl.migrations.testing.ClickHouseDatabase;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the engine does on a ClickHouse target, whichever provider serves it: the {@link MigrationTargetContract} of
 * every target, and what is ClickHouse's own. Each test migrates a database of its own, named after the class's
 * database and the test.
 */
abstract class ClickHouseMigrationContract extends MigrationTargetContract {

    static final Path PROJECT = Path.of("..", "migrations", "clickhouse");

    private final ClickHouseDatabase classDatabase;
    private String database;

    ClickHouseMigrationContract(ClickHouseDatabase classDatabase) {
        this.classDatabase = classDatabase;
    }

    @Override
    protected void isolate(String method) {
        database = classDatabase.name() + "_" + method.substring(0, Math.min(24, method.length()));
    }

    @Override
    protected Supplier<MigrationTarget> target() {
        return ClickHouseTarget.at(classDatabase.clickHouse()).database(database);
    }

    @Override
    protected NamingScheme naming() {
        return NamingScheme.CLICKHOUSE;
    }

    @Override
    protected String createTable(String name) {
        return "CREATE TABLE IF NOT EXISTS " + name + " (id UInt32) ENGINE = MergeTree ORDER BY id";
    }

    @Override
    protected String failingStatement() {
        return "CREATE TABLE IF NOT EXISTS broken (id UInt32) ENGINE = NoSuchEngine";
    }

    @Override
    protected boolean tableExists(String name) {
        return !"0".equals(value("SELECT count() FROM system.tables WHERE database = '" + database + "' AND name = '" + name + "'"));
    }

    @Override
    protected String noTransaction() {
        return "";
    }

    private Migrator migrator(Path folder) {
        return Migrator.configure().source(MigrationSource.directory(folder, NamingScheme.CLICKHOUSE)).target(target()).load();
    }

    private void file(String name, String sql) throws IOException {
        Files.writeString(dir.resolve(name), sql);
    }

    private String value(String sql) {
        return classDatabase.query(sql).singleValue();
    }

    @Test
    void theProjectMigrationsApplyFromEmptyAndARerunAppliesNothing() {
        Results.MigrateResult first = migrator(PROJECT).migrate();
        assertEquals(List.of(1), first.applied().stream().map(Results.Step::version).toList());
        assertEquals("llm_usage,llm_usage_daily,llm_usage_daily_mv", value("SELECT arrayStringConcat(groupArray(name), ',') FROM "
                + "(SELECT name FROM system.tables WHERE database = '" + database + "' AND name LIKE 'llm%' ORDER BY name)"));
        assertTrue(migrator(PROJECT).migrate().applied().isEmpty());
        assertEquals(List.of(State.APPLIED), migrator(PROJECT).status().migrations().stream().map(Results.StatusRow::state).toList());
    }

    @Test
    void usageRowsOverTwoDaysRollUpIntoDailySums() {
        migrator(PROJECT).migrate();
        String columns = "(event_id, event_time, user_id, workspace_id, conversation_id, message_id, agent_id, agent_db_id, model, "
                + "provider, prompt_tokens, completion_tokens, total_tokens, tool_use_prompt_tokens, thoughts_tokens, cached_tokens, "
                + "cost_usd, call_sequence, turn_id, session_id)";
        String user = "'00000000-0000-0000-0000-000000000001'";
        String workspace = "'00000000-0000-0000-0000-000000000002'";
        for (String[] call : new String[][] {{"2026-11-01 09:00:00", "100", "20", "0.001000"}, {"2026-11-01 18:30:00", "300", "40", "0.002500"},
                {"2026-11-02 00:00:01", "50", "5", "0.000250"}}) {
            classDatabase.execute("INSERT INTO " + database + ".llm_usage " + columns + " VALUES (generateUUIDv4(), '" + call[0] + "', "
                    + user + ", " + workspace + ", generateUUIDv4(), 'm', 'planner', generateUUIDv4(), 'gpt-5-mini', 'openai', "
                    + call[1] + ", " + call[2] + ", " + (Integer.parseInt(call[1]) + Integer.parseInt(call[2])) + ", 0, 0, 0, "
                    + call[3] + ", 1, 't', 's')");
        }
        List<List<String>> daily = classDatabase.query("SELECT day, sum(total_prompt_tokens), sum(total_completion_tokens), "
                + "sum(total_tokens), sum(total_cost_usd), sum(request_count) FROM " + database + ".llm_usage_daily GROUP BY day ORDER BY day").rows();
        assertEquals(List.of(List.of("2026-11-01", "400", "60", "460", "0.0035", "2"), List.of("2026-11-02", "50", "5", "55", "0.00025", "1")), daily);
    }

    /**
     * ClickHouse names a syntax error's place as a 1-based byte offset into the statement ("failed at position 73"); the
     * report must point at the first character of the offending token, on the first line of a statement and on later
     * ones, after multi-byte characters and in a statement that starts part-way through a line.
     */
    @Test
    void aSyntaxErrorIsReportedAtTheLineAndColumnOfTheTokenClickHouseNames() throws IOException {
        record Case(String sql, int line, int column) {
        }
        String table = "CREATE TABLE IF NOT EXISTS a (id UInt32) ENGINE = MergeTree ORDER BY id";
        List<Case> cases = List.of(
                new Case(table + " oops oops;\n", 1, table.length() + 2),
                new Case("CREATE TABLE IF NOT EXISTS c (id UInt32, s String DEFAULT 'h\u00e9\u00e9')\n  ENGINE = MergeTree\n  ORDER BY id oops;\n", 3, 15),
                new Case("-- a comment\n\n" + table + ";\n\tCREATE TABLE IF NOT EXISTS d (id UInt32)\n ENGINE = MergeTree ORDER BY id  oops;\n", 5, 34),
                new Case(table + "; " + table + " oops;\n", 1, 2 * table.length() + 4));
        for (Case given : cases) {
            file("001_positions.sql", given.sql());
            migrator(dir).repair();
            StatementFailure failure = assertThrows(StatementFailure.class, () -> migrator(dir).migrate());
            String at = failure.line() + ":" + failure.column();
            assertEquals(given.line() + ":" + given.column(), at, failure.getMessage());
            assertTrue(failure.getMessage().startsWith("001_positions.sql:" + at + ": ERROR 62:"), failure.getMessage());
            String tokenLine = given.sql().split("\n")[given.line() - 1];
            assertEquals("oops", tokenLine.substring(given.column() - 1, given.column() + 3), "the case names the token");
            String caret = failure.getMessage().lines().filter(line -> line.strip().endsWith("^")).findFirst().orElseThrow();
            assertEquals(given.column() - 1, caret.indexOf('^') - caret.indexOf("| ") - 2, "the caret is under the token:\n" + failure.getMessage());
        }
    }

    @Test
    void aMigrationThatFailsAtItsThirdStatementResumesThereOnceItsCauseIsFixedWithoutRepeatingTheFirstTwo() throws IOException {
        file("001_counted.sql", """
                CREATE TABLE IF NOT EXISTS counted (id UInt32) ENGINE = MergeTree ORDER BY id;
                INSERT INTO counted VALUES (1);
                CREATE VIEW IF NOT EXISTS counted_elsewhere AS SELECT id FROM elsewhere;
                """);
        StatementFailure failure = assertThrows(StatementFailure.class, () -> migrator(dir).migrate());
        assertEquals(3, failure.line());
        assertTrue(failure.getMessage().contains("recorded as failed at statement 3"), failure.getMessage());
        assertEquals(List.of(State.FAILED), migrator(dir).status().migrations().stream().map(Results.StatusRow::state).toList());

        classDatabase.execute("CREATE TABLE " + database + ".elsewhere (id UInt32) ENGINE = MergeTree ORDER BY id");
        Results.MigrateResult resumed = migrator(dir).migrate();
        assertEquals(2, resumed.applied().getFirst().resumedAt(), "resumed at the third statement");
        assertEquals("1", value("SELECT count() FROM " + database + ".counted"), "the insert ran once");
        assertEquals("1", value("SELECT count() FROM system.tables WHERE database = '" + database + "' AND name = 'counted_elsewhere'"));
        assertEquals(List.of(State.APPLIED), migrator(dir).status().migrations().stream().map(Results.StatusRow::state).toList());
    }

    @Test
    void aTableFilledFromASelectWhoseRunDiedIsNotSkippedAsExistingButNamedToBeDroppedAndRebuilt() throws IOException {
        file("001_copy.sql", """
                CREATE TABLE IF NOT EXISTS source (id UInt32) ENGINE = MergeTree ORDER BY id;
                INSERT INTO source SELECT number FROM numbers(1000);
                CREATE TABLE IF NOT EXISTS copy ENGINE = MergeTree ORDER BY id AS SELECT id FROM source;
                """);
        migrator(dir).migrate();
        // What a run killed during the third statement leaves: part of the rows, the history at two statements done.
        classDatabase.execute("TRUNCATE TABLE " + database + ".copy");
        classDatabase.execute("INSERT INTO " + database + ".copy SELECT id FROM " + database + ".source LIMIT 100");
        Migration migration = MigrationSource.directory(dir, NamingScheme.CLICKHOUSE).load().getFirst();
        try (MigrationTarget target = ClickHouseTarget.at(classDatabase.clickHouse()).database(database).get()) {
            target.record(AppliedMigration.running(migration, 2));
        }

        StatementFailure refused = assertThrows(StatementFailure.class, () -> migrator(dir).migrate());
        assertEquals(3, refused.line());
        assertTrue(refused.getMessage().contains("Drop it (DROP TABLE " + database + ".copy)"), refused.getMessage());
        assertEquals("100", value("SELECT count() FROM " + database + ".copy"), "nothing counted the partial table as done");

        classDatabase.execute("DROP TABLE " + database + ".copy");
        assertEquals(2, migrator(dir).migrate().applied().getFirst().resumedAt());
        assertEquals("1000", value("SELECT count() FROM " + database + ".copy"));
        assertEquals(List.of(State.APPLIED), migrator(dir).status().migrations().stream().map(Results.StatusRow::state).toList());
    }

    @Test
    void aFailedMigrationWhoseFileWasFixedIsRefusedNotResumedAndRepairRunsItFromItsStart() throws IOException {
        file("001_steps.sql", """
                CREATE TABLE IF NOT EXISTS first (id UInt32) ENGINE = MergeTree ORDER BY id;
                CREATE TABLE IF NOT EXISTS second (id UInt32) ENGINE = MergeTree ORDER BY id;
                CREATE TABLE IF NOT EXISTS broken (id UInt32) ENGINE = NoSuchEngine;
                """);
        assertThrows(StatementFailure.class, () -> migrator(dir).migrate());
        // The fix also removed an applied statement: resuming "at statement 3" would skip the new third one.
        file("001_steps.sql", """
                CREATE TABLE IF NOT EXISTS first (id UInt32) ENGINE = MergeTree ORDER BY id;
                CREATE TABLE IF NOT EXISTS fixed (id UInt32) ENGINE = MergeTree ORDER BY id;
                CREATE TABLE IF NOT EXISTS third (id UInt32) ENGINE = MergeTree ORDER BY id;
                """);

        MigrationException refused = assertThrows(MigrationException.class, () -> migrator(dir).migrate());
        assertTrue(refused.getMessage().contains("001_steps.sql changed after its run failed at statement 3"), refused.getMessage());
        assertEquals(List.of(State.CHANGED), migrator(dir).validate().problems().stream().map(Results.Problem::state).toList());

        migrator(dir).repair();
        assertEquals(0, migrator(dir).migrate().applied().getFirst().resumedAt(), "run from its start");
        assertEquals("first,fixed,second,third", value("SELECT arrayStringConcat(groupArray(name), ',') FROM (SELECT name FROM "
                + "system.tables WHERE database = '" + database + "' AND name NOT LIKE 'crawbl%' ORDER BY name)"));
        assertTrue(migrator(dir).validate().valid());
    }
}
