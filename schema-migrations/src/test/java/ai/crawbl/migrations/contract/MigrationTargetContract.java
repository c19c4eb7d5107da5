package ai.crawbl.migrations.contract;

import ai.crawbl.migrations.Configuration;
import ai.crawbl.migrations.MigrationException;
import ai.crawbl.migrations.MigrationTarget;
import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.Results;
import ai.crawbl.migrations.StatementFailure;
import ai.crawbl.migrations.plan.AppliedMigration;
import ai.crawbl.migrations.plan.MigrationPlan.State;
import ai.crawbl.migrations.source.Migration;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What the engine does on every target (golang-migrate's database/testing idea): each target's test class extends
 * this with a fresh place to migrate per test (a PostgreSQL schema, a ClickHouse database) and the few statements
 * that differ between dialects; the behaviour asserted is the same for all.
 */
public abstract class MigrationTargetContract {

    /** The folder this test writes its migration files into. */
    protected Path dir;

    /** Gives the test named {@code method} a place of its own to migrate; called before each test. */
    protected abstract void isolate(String method);

    /** A target on this test's place. */
    protected abstract Supplier<MigrationTarget> target();

    /** The naming scheme of this target's files. */
    protected abstract NamingScheme naming();

    /** A guarded statement that creates table {@code name} in this test's place. */
    protected abstract String createTable(String name);

    /** A statement that fails on this target. */
    protected abstract String failingStatement();

    /** True when table {@code name} exists in this test's place. */
    protected abstract boolean tableExists(String name);

    /** The text that makes a file run statement by statement (empty where every file does). */
    protected abstract String noTransaction();

    @BeforeEach
    final void isolate(TestInfo test, @TempDir Path folder) {
        dir = folder;
        isolate(test.getTestMethod().orElseThrow().getName().toLowerCase(Locale.ROOT));
    }

    /** A configuration on this test's folder and place, to refine ({@code dryRun}, {@code targetVersion}). */
    protected Configuration configure() {
        return Migrator.configure().source(MigrationSource.directory(dir, naming())).target(target());
    }

    protected Migrator migrator() {
        return configure().load();
    }

    /** Writes migration {@code version} with the given statements, each ended by a semicolon on a line of its own. */
    protected void file(int version, String description, String... statements) {
        StringBuilder text = new StringBuilder();
        for (String statement : statements) {
            text.append(statement).append(";\n");
        }
        try {
            Files.writeString(dir.resolve(name(version, description)), text.toString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    protected String name(int version, String description) {
        return naming() == NamingScheme.POSTGRES ? "%06d_%s.up.sql".formatted(version, description) : "%03d_%s.sql".formatted(version, description);
    }

    private List<State> states() {
        return migrator().status().migrations().stream().map(Results.StatusRow::state).toList();
    }

    @Test
    public void pendingMigrationsApplyInOrderAndARerunAppliesNothing() {
        file(1, "a", createTable("a"));
        file(2, "b", createTable("b"));

        Results.MigrateResult first = migrator().migrate();

        assertEquals(List.of(1, 2), first.applied().stream().map(Results.Step::version).toList());
        assertEquals(0, first.initialVersion());
        assertEquals(2, first.finalVersion());
        assertTrue(tableExists("a") && tableExists("b"));
        Results.MigrateResult again = migrator().migrate();
        assertEquals(List.of(), again.applied());
        assertEquals(2, again.finalVersion());
        assertEquals(List.of(State.APPLIED, State.APPLIED), states());
    }

    @Test
    public void aDryRunChangesNothingAndMigrateStopsAtTheTargetVersion() {
        file(1, "a", createTable("a"));
        file(2, "b", createTable("b"));

        Results.MigrateResult dry = configure().dryRun(true).load().migrate();

        assertEquals(List.of(1, 2), dry.applied().stream().map(Results.Step::version).toList());
        assertTrue(dry.dryRun());
        assertFalse(tableExists("a"));
        assertEquals(List.of(State.PENDING, State.PENDING), states());
        assertEquals(1, configure().targetVersion(1).load().migrate().finalVersion());
        assertEquals(List.of(State.APPLIED, State.PENDING), states());
    }

    @Test
    public void aFailureAtStatementTwoOfATransactionalFileIsRolledBackWhereTheTargetHasTransactionsAndRecordedAtTwoElsewhere() {
        file(1, "steps", createTable("one"), failingStatement(), createTable("three"));

        StatementFailure failure = assertThrows(StatementFailure.class, () -> migrator().migrate());

        assertEquals(2, failure.line(), failure.getMessage());
        assertTrue(failure.getMessage().startsWith(name(1, "steps") + ":2:"), failure.getMessage());
        assertFalse(tableExists("three"));
        try (MigrationTarget target = target().get()) {
            if (target.transactional()) {
                assertTrue(failure.getMessage().contains("rolled back"), failure.getMessage());
                assertFalse(tableExists("one"), "rolled back");
                assertEquals(List.of(State.PENDING), states());
            } else {
                assertTrue(failure.getMessage().contains("1 of 3 statement(s) completed"), failure.getMessage());
                assertTrue(tableExists("one"), "no transaction to roll back");
                assertEquals(List.of(State.FAILED), states());
            }
        }
    }

    @Test
    public void aNoTransactionFileThatFailedAtStatementTwoIsRecordedThereAndOnceFixedAndRepairedRunsFromItsStart() throws IOException {
        Files.writeString(dir.resolve(name(1, "steps")), noTransaction() + createTable("one") + ";\n" + failingStatement() + ";\n");
        StatementFailure failure = assertThrows(StatementFailure.class, () -> migrator().migrate());
        assertTrue(failure.getMessage().contains("recorded as failed at statement 2"), failure.getMessage());
        assertTrue(tableExists("one"));
        assertEquals(List.of(State.FAILED), states());

        Files.writeString(dir.resolve(name(1, "steps")), noTransaction() + createTable("one") + ";\n" + createTable("two") + ";\n");
        MigrationException refused = assertThrows(MigrationException.class, () -> migrator().migrate());
        assertTrue(refused.getMessage().contains("changed after its run failed at statement 2"), refused.getMessage());
        assertEquals(List.of(State.CHANGED), states());

        assertEquals(1, migrator().repair().actions().size());
        assertEquals(0, migrator().migrate().applied().getFirst().resumedAt());
        assertTrue(tableExists("two"));
        assertTrue(migrator().validate().valid());
    }

    @Test
    public void validateReportsAMigrationRecordedAsFailedOnEveryTargetWhetherOrNotMigrateWouldResumeIt() throws IOException {
        Files.writeString(dir.resolve(name(1, "steps")), noTransaction() + createTable("one") + ";\n" + failingStatement() + ";\n");
        assertThrows(StatementFailure.class, () -> migrator().migrate());

        Results.ValidateResult validation = migrator().validate();

        assertFalse(validation.valid(), "a failed run is not a valid history");
        assertEquals(List.of(State.FAILED), validation.problems().stream().map(Results.Problem::state).toList());
        assertTrue(validation.problems().getFirst().message().startsWith(name(1, "steps") + " failed in an earlier run after 1 statement(s)"),
                validation.problems().getFirst().message());
    }

    @Test
    public void aRunThatDiedPartWayResumesAtTheStatementItStoppedAt() throws IOException {
        Files.writeString(dir.resolve(name(1, "steps")), noTransaction() + createTable("one") + ";\n" + createTable("two") + ";\n");
        migrator().migrate();
        Migration migration = MigrationSource.directory(dir, naming()).load().getFirst();
        try (MigrationTarget target = target().get()) {
            target.record(AppliedMigration.running(migration, 1));
        }
        assertEquals(List.of(State.INTERRUPTED), states());

        Results.MigrateResult resumed = migrator().migrate();

        assertEquals(1, resumed.applied().getFirst().resumedAt());
        assertEquals(List.of(State.APPLIED), states());
    }

    @Test
    public void aChangedAppliedFileIsRefusedWithBothChecksumsAndRepairRecordsTheNewOne() {
        file(1, "a", createTable("a"));
        migrator().migrate();
        String applied = MigrationSource.directory(dir, naming()).load().getFirst().checksum();
        file(1, "a", createTable("a"), createTable("a2"));
        file(2, "b", createTable("b"));
        String now = MigrationSource.directory(dir, naming()).load().getFirst().checksum();

        MigrationException refused = assertThrows(MigrationException.class, () -> migrator().migrate());

        assertTrue(refused.getMessage().contains("checksum applied " + applied + ", file now " + now), refused.getMessage());
        assertFalse(tableExists("b"), "nothing was applied");
        assertEquals(List.of(State.CHANGED), migrator().validate().problems().stream().map(Results.Problem::state).toList());
        Results.RepairResult repair = migrator().repair();
        assertTrue(repair.actions().getFirst().startsWith("version 1: recorded the new checksum"), repair.actions().toString());
        assertTrue(migrator().validate().valid());
        assertEquals(2, migrator().migrate().finalVersion());
    }

    @Test
    public void anAppliedFileThatIsMissingIsRefusedAndRepairForgetsIt() throws IOException {
        file(1, "a", createTable("a"));
        file(2, "b", createTable("b"));
        migrator().migrate();
        Files.delete(dir.resolve(name(2, "b")));

        MigrationException refused = assertThrows(MigrationException.class, () -> migrator().migrate());

        assertTrue(refused.getMessage().contains("version 2 (" + name(2, "b") + ") was applied but its file is missing"), refused.getMessage());
        assertEquals(List.of(State.APPLIED, State.MISSING), states());
        assertTrue(migrator().repair().actions().getFirst().startsWith("version 2: removed from the history"));
        assertEquals(List.of(State.APPLIED), states());
    }

    @Test
    public void aBaselineCountsEveryVersionUpToItAsAppliedAndOnlyOnAnEmptyHistory() {
        file(1, "a", createTable("a"));
        file(2, "b", createTable("b"));
        file(3, "c", createTable("c"));

        assertEquals(2, migrator().baseline(2).version());
        assertEquals(List.of(3), migrator().migrate().applied().stream().map(Results.Step::version).toList());

        assertFalse(tableExists("a"), "the baselined files did not run");
        assertEquals(List.of(State.BELOW_BASELINE, State.BASELINE, State.APPLIED), states());
        MigrationException again = assertThrows(MigrationException.class, () -> migrator().baseline(1));
        assertTrue(again.getMessage().contains("already has a migration history"), again.getMessage());
    }

    @Test
    public void aRunnerWaitsWhileAnotherHoldsTheLock() throws Exception {
        file(1, "a", createTable("a"));
        CompletableFuture<Results.MigrateResult> waiting;
        try (MigrationTarget holder = target().get()) {
            assumeTrue(holder.locks(), "this target has no lock: one migrator at a time");
            try (MigrationTarget.Lock held = holder.lock()) {
                waiting = CompletableFuture.supplyAsync(() -> migrator().migrate());
                Thread.sleep(500);
                assertFalse(waiting.isDone(), "the second runner waits for the lock");
                assertFalse(tableExists("a"));
            }
        }
        assertEquals(1, waiting.get(30, TimeUnit.SECONDS).finalVersion());
    }
}
