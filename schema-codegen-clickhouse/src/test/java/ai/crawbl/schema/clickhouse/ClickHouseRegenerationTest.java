package ai.crawbl.schema.clickhouse;

import ai.crawbl.migrations.MigrationException;
import ai.crawbl.migrations.clickhouse.EmbeddedClickHouse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The build's ClickHouse generation step, run as the build runs it (same configuration file, jOOQ's GenerationTool,
 * chDB inside this JVM): what it generates from the project's migrations, that it generates the same bytes every time,
 * that a later migration shows up, and how a failing migration fails it.
 */
class ClickHouseRegenerationTest {

    @TempDir
    Path tmp;

    private Path migrations;

    @BeforeEach
    void copyProjectMigrations() throws IOException {
        migrations = Files.createDirectories(tmp.resolve("migrations"));
        try (Stream<Path> files = Files.list(ClickHouseCodegenRun.projectMigrations())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, migrations.resolve(file.getFileName()));
            }
        }
    }

    @Test
    void bothTablesAreGeneratedInTheirOwnPackageWithoutTheHistoryOrTheMaterializedView() throws Exception {
        ClickHouseCodegenRun run = new ClickHouseCodegenRun(migrations, tmp.resolve("out"));
        run.generate();

        assertEquals(List.of(
                "ai/crawbl/schema/clickhouse/Crawbl.java",
                "ai/crawbl/schema/clickhouse/DefaultCatalog.java",
                "ai/crawbl/schema/clickhouse/Tables.java",
                "ai/crawbl/schema/clickhouse/tables/LlmUsage.java",
                "ai/crawbl/schema/clickhouse/tables/LlmUsageDaily.java",
                "ai/crawbl/schema/clickhouse/tables/pojos/LlmUsage.java",
                "ai/crawbl/schema/clickhouse/tables/pojos/LlmUsageDaily.java",
                "ai/crawbl/schema/clickhouse/tables/records/LlmUsageDailyRecord.java",
                "ai/crawbl/schema/clickhouse/tables/records/LlmUsageRecord.java"), List.copyOf(run.files().keySet()));
        String usage = run.source("tables/LlmUsage.java");
        assertTrue(usage.contains("TableField<LlmUsageRecord, Instant> EVENT_TIME"), usage);
        assertTrue(usage.contains("TableField<LlmUsageRecord, BigDecimal> COST_USD"));
        assertTrue(usage.contains("SQLDataType.DECIMAL(18, 6)"));
        String daily = run.source("tables/LlmUsageDaily.java");
        assertTrue(daily.contains("TableField<LlmUsageDailyRecord, LocalDate> DAY"));
        assertTrue(daily.contains("TableField<LlmUsageDailyRecord, BigDecimal> TOTAL_COST_USD"));
        assertTrue(daily.contains("TableField<LlmUsageDailyRecord, Long> REQUEST_COUNT"));
        // ClickHouse's ORDER BY key is not unique: plain table records, no store() that would UPDATE.
        assertTrue(run.source("tables/records/LlmUsageRecord.java").contains("extends TableRecordImpl<LlmUsageRecord>"));
    }

    @Test
    void twoCleanRunsWriteTheSameBytes() throws Exception {
        ClickHouseCodegenRun first = new ClickHouseCodegenRun(migrations, tmp.resolve("first"));
        ClickHouseCodegenRun second = new ClickHouseCodegenRun(migrations, tmp.resolve("second"));
        first.generate();
        second.generate();

        Map<String, byte[]> a = first.files();
        Map<String, byte[]> b = second.files();
        assertEquals(a.keySet(), b.keySet());
        a.forEach((file, bytes) -> assertArrayEquals(bytes, b.get(file), file));
    }

    @Test
    void aLaterMigrationsTableAndColumnAreGenerated() throws Exception {
        Files.writeString(migrations.resolve("002_tool_usage.sql"), """
                ALTER TABLE llm_usage ADD COLUMN IF NOT EXISTS region LowCardinality(String) DEFAULT 'global';
                CREATE TABLE IF NOT EXISTS tool_usage (event_time DateTime64(3, 'UTC'), tool String, calls UInt64)
                ENGINE = MergeTree ORDER BY (tool, event_time);
                """);
        ClickHouseCodegenRun run = new ClickHouseCodegenRun(migrations, tmp.resolve("out"));
        run.generate();

        assertTrue(run.source("tables/LlmUsage.java").contains("TableField<LlmUsageRecord, String> REGION"));
        assertTrue(run.source("tables/ToolUsage.java").contains("TableField<ToolUsageRecord, ULong> CALLS"));
    }

    @Test
    void aFailingMigrationFailsWithTheEnginesFileLineAndColumnAndLeavesNoDatabaseOrFolderBehind() throws Exception {
        Files.writeString(migrations.resolve("002_broken.sql"), """
                -- a typo in the column type
                CREATE TABLE IF NOT EXISTS broken
                (id UInt64, at DateTim64(3)) ENGINE = MergeTree ORDER BY id;
                """);
        Path module = Path.of("").toAbsolutePath();
        List<Path> moduleBefore = entries(module);
        Path out = tmp.resolve("out");

        // Held open so that the in-memory storage the generator joins outlives it and can be inspected.
        try (EmbeddedClickHouse observer = EmbeddedClickHouse.openInMemory()) {
            Exception failure = assertThrows(Exception.class, () -> new ClickHouseCodegenRun(migrations, out).generate());

            // The engine's message, first: ClickHouse names no position for an unknown type, so the statement's start.
            Throwable engine = failure;
            while (engine != null && !(engine instanceof MigrationException)) {
                engine = engine.getCause();
            }
            assertNotNull(engine, messages(failure));
            String message = engine.getMessage();
            assertTrue(message.startsWith("002_broken.sql:2:1: ERROR 50: "), message);
            assertTrue(message.contains("DateTim64"), message);
            assertEquals("0", observer.query("SELECT count() FROM system.databases WHERE name = 'crawbl'").singleValue(),
                    "the throwaway database is dropped");
        }
        assertEquals(moduleBefore, entries(module), "nothing new in the module's folder");
        assertFalse(Files.exists(out.resolve("ai/crawbl/schema/clickhouse/tables")), "no sources from a failed run");
    }

    @Test
    void aDatabaseOfTheGeneratedNameThatAlreadyExistsInThisJvmIsRefusedAndKept() throws Exception {
        try (EmbeddedClickHouse observer = EmbeddedClickHouse.openInMemory()) {
            observer.execute("CREATE DATABASE crawbl");
            observer.execute("CREATE TABLE crawbl.keep (n Int32) ENGINE = MergeTree ORDER BY n");
            try {
                Exception failure = assertThrows(Exception.class,
                        () -> new ClickHouseCodegenRun(migrations, tmp.resolve("out")).generate());

                assertTrue(messages(failure).contains("already has a database crawbl"), messages(failure));
                assertEquals("1", observer.query("SELECT count() FROM system.tables WHERE database = 'crawbl'").singleValue());
            } finally {
                observer.execute("DROP DATABASE crawbl");
            }
        }
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }

    private static List<Path> entries(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(folder::relativize).sorted().toList();
        }
    }
}
