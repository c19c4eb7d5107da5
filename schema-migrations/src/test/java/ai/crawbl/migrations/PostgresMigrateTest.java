package ai.crawbl.migrations;

import ai.crawbl.migrations.Results.MigrateResult;
import ai.crawbl.migrations.plan.MigrationPlan.State;
import ai.crawbl.migrations.source.Migration;
import ai.crawbl.migrations.source.MigrationSourceException;
import ai.crawbl.migrations.target.PostgresTarget;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine against PostgreSQL, beyond the {@link ai.crawbl.migrations.contract.MigrationTargetContract} that every
 * target keeps: every test migrates its own schema in the class's database.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class PostgresMigrateTest {

    private static PostgresDatabase db;
    private MigrationFolder folder;
    private String schema;

    @BeforeAll
    static void database(PostgresDatabase database) {
        db = database;
    }

    @BeforeEach
    void folder(@TempDir Path dir, TestInfo test) {
        folder = new MigrationFolder(dir);
        String name = test.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT);
        schema = "s_" + name.substring(0, Math.min(name.length(), 40));
    }

    private Migrator migrator() {
        return migrator(target());
    }

    private Migrator migrator(PostgresTarget.Options target) {
        return Migrator.configure().source(folder.source()).target(target).load();
    }

    private PostgresTarget.Options target() {
        return PostgresTarget.at(db.endpoint()).schema(schema);
    }

    private List<String> tables() throws SQLException {
        return db.query("SELECT tablename FROM pg_tables WHERE schemaname = '" + schema + "' ORDER BY 1").stream()
                .map(List::getFirst).toList();
    }

    @Test
    void appliesPendingMigrationsInOrderAndRecordsThem() throws SQLException {
        folder.with("000001_create_a.up.sql", "CREATE TABLE a (id uuid PRIMARY KEY);")
              .with("000002_create_b.up.sql", "CREATE TABLE b (id uuid PRIMARY KEY, a_id uuid REFERENCES a);");
        MigrateResult result = migrator().migrate();

        assertEquals(0, result.initialVersion());
        assertEquals(2, result.finalVersion());
        assertEquals(List.of(1, 2), result.applied().stream().map(Results.Step::version).toList());
        assertEquals(List.of("a", "b", MigrationTarget.HISTORY_TABLE), tables());
        assertEquals(List.of(
                        List.of("1", "create_a", "000001_create_a.up.sql", Migration.sha256("CREATE TABLE a (id uuid PRIMARY KEY);".getBytes()), "t"),
                        List.of("2", "create_b", "000002_create_b.up.sql", folder.source().load().get(1).checksum(), "t")),
                db.query("SELECT version, description, script, checksum, success FROM " + schema + "." + MigrationTarget.HISTORY_TABLE + " ORDER BY 1"));
    }

    @Test
    void statementsRunWithTheTargetSchemaFirstAndPublicAfterIt() throws SQLException {
        folder.with("000001_unqualified.up.sql", "CREATE TABLE plain (embedding vector(3));");
        migrator().migrate();
        assertEquals(List.of(MigrationTarget.HISTORY_TABLE, "plain"), tables());
    }

    @Test
    void aFailingStatementIsReportedAtItsFileLineAndColumnAndTheMigrationIsRolledBack() throws SQLException {
        folder.with("000001_ok.up.sql", "CREATE TABLE kept (id int);")
              .with("000002_broken.up.sql", "CREATE TABLE lost (id int);\n\n-- a comment\nINSERT INTO lost\n  VALUES (1, 'two', 3);\n");
        StatementFailure failure = assertThrows(StatementFailure.class, () -> migrator().migrate());

        assertEquals("000002_broken.up.sql", failure.script());
        assertEquals(5, failure.line());
        assertEquals(14, failure.column(), "PostgreSQL points at the first extra expression");
        assertEquals("42601", failure.code());
        assertTrue(failure.getMessage().startsWith("000002_broken.up.sql:5:14: ERROR 42601: INSERT has more expressions than target columns"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("    5 |   VALUES (1, 'two', 3);\n      |              ^"), failure.getMessage());
        assertEquals(List.of(MigrationTarget.HISTORY_TABLE, "kept"), tables(), "000002's first statement was rolled back");
        assertEquals("1", db.queryValue("SELECT max(version) FROM " + schema + "." + MigrationTarget.HISTORY_TABLE));
    }

    @Test
    void aNoTransactionMigrationBuildsAnIndexConcurrently() throws SQLException {
        folder.with("000001_table.up.sql", "CREATE TABLE t (id int);")
              .with("000002_index.up.sql", Migration.NO_TRANSACTION + "\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_id ON t (id);\n");
        migrator().migrate();
        assertEquals("true", db.queryValue("SELECT indisvalid::text FROM pg_index WHERE indexrelid = '" + schema + ".t_id'::regclass"));
        assertEquals(List.of("2", "t", "1"), db.query("SELECT version, success, statements_done FROM " + schema
                + "." + MigrationTarget.HISTORY_TABLE + " WHERE version = 2").getFirst());
    }

    @Test
    void aFailedConcurrentIndexBuildIsReportedByNameAndBlocksTheNextRun() throws SQLException {
        folder.with("000001_table.up.sql", "CREATE TABLE t (id int); INSERT INTO t VALUES (1), (1);")
              .with("000002_index.up.sql", Migration.NO_TRANSACTION + "\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS t_id ON t (id);\n");
        StatementFailure failure = assertThrows(StatementFailure.class, () -> migrator().migrate());
        assertEquals("23505", failure.code());
        assertTrue(failure.getMessage().contains("It left INVALID index(es) [" + schema + ".t_id]"), failure.getMessage());

        MigrationException refused = assertThrows(MigrationException.class, () -> migrator().migrate());
        assertTrue(refused.getMessage().contains("000002_index.up.sql failed in an earlier run"), refused.getMessage());
        assertEquals(State.FAILED, migrator().status().migrations().get(1).state());

        migrator().repair();
        MigrationException hidden = assertThrows(MigrationException.class, () -> migrator().migrate());
        assertTrue(hidden.getMessage().contains("It left INVALID index(es) [" + schema + ".t_id]"),
                "IF NOT EXISTS does not hide the invalid index: " + hidden.getMessage());
    }

    @Test
    void anInterruptedConcurrentBuildIsDroppedAndBuiltAgain() throws SQLException {
        folder.with("000001_table.up.sql", "CREATE TABLE t (id int);")
              .with("000002_index.up.sql", Migration.NO_TRANSACTION + "\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_id ON t (id);\n");
        migrator().migrate();
        // What a killed run leaves: the index INVALID, the history row unfinished.
        db.execute("UPDATE pg_index SET indisvalid = false WHERE indexrelid = '" + schema + ".t_id'::regclass",
                "UPDATE " + schema + "." + MigrationTarget.HISTORY_TABLE + " SET success = false, execution_ms = NULL, statements_done = 0 WHERE version = 2");
        assertEquals(State.INTERRUPTED, migrator().status().migrations().get(1).state());

        MigrateResult resumed = migrator().migrate();
        assertEquals(List.of(2), resumed.applied().stream().map(Results.Step::version).toList());
        assertEquals("true", db.queryValue("SELECT indisvalid::text FROM pg_index WHERE indexrelid = '" + schema + ".t_id'::regclass"));
    }

    @Test
    void ddlThatWaitsTooLongForALockIsRetriedThenFailsLeavingNothing() throws Exception {
        folder.with("000001_table.up.sql", "CREATE TABLE busy (id int);");
        migrator().migrate();
        folder.with("000002_alter.up.sql", "ALTER TABLE busy ADD COLUMN note text;");
        PostgresTarget.Options impatient = target().lockTimeout(Duration.ofMillis(100)).retries(2);
        try (Connection holder = db.connect(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE " + schema + ".busy IN ACCESS SHARE MODE");
            StatementFailure failure = assertThrows(StatementFailure.class, () -> migrator(impatient).migrate());
            assertEquals("55P03", failure.code());
            holder.rollback();
        }
        assertNull(db.queryValue("SELECT 1 FROM information_schema.columns WHERE table_schema = '" + schema + "' AND column_name = 'note'"));

        try (Connection holder = db.connect(); Statement statement = holder.createStatement()) {
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE " + schema + ".busy IN ACCESS SHARE MODE");
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(250);
                    holder.rollback();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(2, migrator(target().lockTimeout(Duration.ofMillis(100)).retries(5)).migrate().finalVersion(),
                    "a retry after the blocker let go succeeds");
            release.join();
        }
    }

    @Test
    void aCleanGolangMigrateDatabaseIsAdoptedAtItsVersion() throws SQLException {
        folder.with("000001_a.up.sql", "CREATE TABLE a (id int);")
              .with("000002_b.up.sql", "CREATE TABLE b (id int);");
        db.execute("CREATE SCHEMA " + schema, "CREATE TABLE " + schema + ".a (id int)",
                "CREATE TABLE " + schema + ".schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)",
                "INSERT INTO " + schema + ".schema_migrations VALUES (1, false)");
        MigrateResult result = migrator().migrate();
        assertEquals(List.of(2), result.applied().stream().map(Results.Step::version).toList());
        assertTrue(result.warnings().contains("adopted golang-migrate's " + schema + ".schema_migrations at version 1"), result.warnings().toString());
    }

    @Test
    void aDirtyGolangMigrateDatabaseIsRefusedWithWhatToCheck() throws SQLException {
        folder.with("000001_a.up.sql", "CREATE TABLE a (id int);")
              .with("000002_b.up.sql", "CREATE TABLE b (id int);");
        db.execute("CREATE SCHEMA " + schema,
                "CREATE TABLE " + schema + ".schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)",
                "INSERT INTO " + schema + ".schema_migrations VALUES (2, true)");
        MigrationException refused = assertThrows(MigrationException.class, () -> migrator().migrate());
        assertTrue(refused.getMessage().contains("says version 2 is dirty"), refused.getMessage());
        assertTrue(refused.getMessage().contains("set dirty = false"), refused.getMessage());
        assertEquals("t", db.queryValue("SELECT to_regclass('" + schema + "." + MigrationTarget.HISTORY_TABLE + "') IS NULL"), "nothing created");
    }

    /** What a run killed after the first {@code done} statements of a no-transaction migration leaves in the history. */
    private void interruptAfter(int version, int done) throws SQLException {
        db.execute("UPDATE " + schema + ".crawbl_schema_history SET success = false, execution_ms = NULL, statements_done = "
                + done + " WHERE version = " + version);
    }

    @Test
    void anInterruptedMigrationWhoseFileWasEditedIsRefusedNotResumedAndRepairRunsItFromItsStart() throws SQLException {
        folder.with("000001_steps.up.sql", Migration.NO_TRANSACTION + "\nCREATE TABLE one (id int);\nCREATE TABLE two (id int);\n");
        migrator().migrate();
        interruptAfter(1, 1);
        folder.with("000001_steps.up.sql", Migration.NO_TRANSACTION
                + "\nCREATE TABLE zero (id int);\nCREATE TABLE IF NOT EXISTS one (id int);\nCREATE TABLE IF NOT EXISTS two (id int);\n");

        MigrationException refused = assertThrows(MigrationException.class, () -> migrator().migrate());
        assertTrue(refused.getMessage().contains("000001_steps.up.sql changed after its run was interrupted at statement 2"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains("A changed file never resumes"), refused.getMessage());
        assertFalse(tables().contains("zero"), "nothing ran");
        assertFalse(migrator().validate().valid(), "validate sees the change");

        Results.RepairResult repair = migrator().repair();
        assertTrue(repair.actions().getFirst().contains("the next migrate runs the file from its start"), repair.actions().toString());
        assertEquals(0, migrator().migrate().applied().getFirst().resumedAt());
        assertEquals(List.of("crawbl_schema_history", "one", "two", "zero"), tables(), "the inserted statement ran");
        assertTrue(migrator().validate().valid());
    }

    @Test
    void anInterruptedMigrationWhoseNoTransactionLineWasRemovedIsRefusedThenRepairedAndApplied() throws SQLException {
        folder.with("000001_steps.up.sql", Migration.NO_TRANSACTION + "\nCREATE TABLE IF NOT EXISTS one (id int);\n"
                + "CREATE TABLE IF NOT EXISTS two (id int);\n");
        migrator().migrate();
        interruptAfter(1, 1);
        folder.with("000001_steps.up.sql", "CREATE TABLE IF NOT EXISTS one (id int);\nCREATE TABLE IF NOT EXISTS two (id int);\n");

        MigrationException refused = assertThrows(MigrationException.class, () -> migrator().migrate());
        assertTrue(refused.getMessage().contains("changed after its run was interrupted"), refused.getMessage());
        assertFalse(refused.getMessage().contains("duplicate key"), refused.getMessage());
        assertFalse(migrator().validate().valid());
        assertEquals(1, migrator().repair().actions().size(), "repair has something to repair");
        assertEquals(List.of(1), migrator().migrate().applied().stream().map(Results.Step::version).toList());
        assertEquals(List.of(State.APPLIED), migrator().status().migrations().stream().map(Results.StatusRow::state).toList());
    }

    @Test
    void aConcurrentIndexBuildThatTimesOutIsBuiltAgainOnRetryNotSkippedAsExisting() throws Exception {
        folder.with("000001_table.up.sql", "CREATE TABLE busy (id int);")
              .with("000002_index.up.sql", Migration.NO_TRANSACTION + "\nCREATE INDEX CONCURRENTLY IF NOT EXISTS busy_id ON busy (id);\n");
        Migrator.configure().source(folder.source()).target(target()).targetVersion(1).load().migrate();
        try (Connection writer = db.connect(); Statement statement = writer.createStatement()) {
            // An open writing transaction: the build creates its INVALID index, then times out waiting for the writer.
            writer.setAutoCommit(false);
            statement.execute("INSERT INTO " + schema + ".busy VALUES (1)");
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(700);
                    writer.commit();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(2, migrator(target().lockTimeout(Duration.ofMillis(100)).retries(8)).migrate().finalVersion());
            release.join();
        }
        assertEquals("true", db.queryValue("SELECT indisvalid::text FROM pg_index WHERE indexrelid = '" + schema + ".busy_id'::regclass"));
    }

    @Test
    void aConcurrentIndexBuildThatKeepsTimingOutReportsTheLockTimeoutAndTheIndexItLeft() throws Exception {
        folder.with("000001_table.up.sql", "CREATE TABLE busy (id int);")
              .with("000002_index.up.sql", Migration.NO_TRANSACTION + "\nCREATE INDEX CONCURRENTLY IF NOT EXISTS busy_id ON busy (id);\n");
        Migrator.configure().source(folder.source()).target(target()).targetVersion(1).load().migrate();
        try (Connection writer = db.connect(); Statement statement = writer.createStatement()) {
            writer.setAutoCommit(false);
            statement.execute("INSERT INTO " + schema + ".busy VALUES (1)");
            StatementFailure failure = assertThrows(StatementFailure.class,
                    () -> migrator(target().lockTimeout(Duration.ofMillis(100)).retries(1)).migrate());
            assertEquals("55P03", failure.code(), failure.getMessage());
            assertTrue(failure.getMessage().contains("lock timeout"), failure.getMessage());
            assertTrue(failure.getMessage().contains("It left INVALID index(es) [" + schema + ".busy_id]"), failure.getMessage());
            writer.rollback();
        }
    }

    @Test
    void anInvalidIndexTheMigrationDidNotBuildDoesNotFailIt() throws SQLException {
        folder.with("000001_table.up.sql", "CREATE TABLE t (id int, other int); CREATE INDEX t_other ON t (other);")
              .with("000002_index.up.sql", Migration.NO_TRANSACTION + "\nCREATE INDEX CONCURRENTLY IF NOT EXISTS t_id ON t (id);\n");
        Migrator.configure().source(folder.source()).target(target()).targetVersion(1).load().migrate();
        db.execute("UPDATE pg_index SET indisvalid = false WHERE indexrelid = '" + schema + ".t_other'::regclass");

        assertEquals(2, migrator().migrate().finalVersion());
        assertEquals(List.of(State.APPLIED, State.APPLIED), migrator().status().migrations().stream().map(Results.StatusRow::state).toList());
    }

    @Test
    void aCommitInsideATransactionalMigrationIsRefusedBeforeAnythingRuns() throws SQLException {
        folder.with("000001_a.up.sql", "CREATE TABLE a (id int);")
              .with("000002_commits.up.sql", "CREATE TABLE early (id int);\nCOMMIT;\nCREATE TABLE late (id int, id int);\n");

        MigrationSourceException refused = assertThrows(MigrationSourceException.class, () -> migrator().migrate());
        assertTrue(refused.getMessage().startsWith("000002_commits.up.sql:2:1: COMMIT in a migration that runs in a transaction"),
                refused.getMessage());
        assertTrue(refused.getMessage().contains(Migration.NO_TRANSACTION), refused.getMessage());
        assertEquals(List.of(), tables(), "not even 000001 ran: every pending file is checked first");
    }

    @Test
    void transactionControlIsRefusedInEveryFormButABeginInsideADoBlockIsNot() throws SQLException {
        for (String control : List.of("BEGIN", "begin transaction", "START TRANSACTION", "END", "ROLLBACK", "abort",
                "SAVEPOINT s", "RELEASE SAVEPOINT s", "PREPARE TRANSACTION 'x'")) {
            folder.with("000001_control.up.sql", "CREATE TABLE a (id int);\n" + control + ";\n");
            assertThrows(MigrationSourceException.class, () -> migrator().migrate(), control);
        }
        folder.with("000001_control.up.sql", "DO $$ BEGIN CREATE TABLE a (id int); END $$;\n");
        assertEquals(1, migrator().migrate().finalVersion());
        assertEquals(List.of("a", "crawbl_schema_history"), tables());
    }

    @Test
    void runnersGivenDifferentSchemasStillExcludeEachOther() {
        try (MigrationTarget first = target().get(); MigrationTarget.Lock held = first.lock();
             MigrationTarget second = PostgresTarget.at(db.endpoint()).schema(schema + "_other").lockWait(Duration.ofMillis(300)).get()) {
            MigrationException waited = assertThrows(MigrationException.class, second::lock);
            assertTrue(waited.getMessage().contains("another runner held the migration lock of this database"), waited.getMessage());
            assertTrue(waited.getMessage().contains("raise the lock wait"), waited.getMessage());
            assertFalse(waited.getMessage().contains("--"), "a library message names no command-line option: " + waited.getMessage());
            assertEquals(List.of(MigrationException.Setting.LOCK_WAIT), waited.settings());
        }
    }

    @Test
    void aSchemaWithoutHistoryInADatabaseThatHasOneElsewhereIsMigratedWithAWarningThatOnlyTheHistoryMoves() throws SQLException {
        folder.with("000001_a.up.sql", "CREATE TABLE IF NOT EXISTS " + schema + ".a (id int);");
        migrator().migrate();

        MigrateResult moved = migrator(PostgresTarget.at(db.endpoint()).schema(schema + "_moved")).migrate();

        assertEquals(List.of(1), moved.applied().stream().map(Results.Step::version).toList(), "the files ran again");
        assertTrue(moved.warnings().stream().anyMatch(warning -> warning.contains("this database holds one in [")
                && (warning.contains(schema + ",") || warning.contains(schema + "]")) && warning.contains("moves only the history table")), moved.warnings().toString());
        assertTrue(migrator().migrate().warnings().isEmpty(), "no warning where the history is");
    }
}
