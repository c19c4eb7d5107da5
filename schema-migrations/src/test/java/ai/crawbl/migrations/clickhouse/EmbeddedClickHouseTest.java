package ai.crawbl.migrations.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.crawbl.migrations.testing.ClickHouseDatabase;
import ai.crawbl.migrations.testing.EmbeddedClickHouseExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What chDB in this JVM does beyond the {@link ClickHouseContract}: its text, its one storage, its handles. */
@ExtendWith(EmbeddedClickHouseExtension.class)
class EmbeddedClickHouseTest {

    private final ClickHouseDatabase database;

    EmbeddedClickHouseTest(ClickHouseDatabase database) {
        this.database = database;
    }

    @Test
    void everyTypeRoundTripsAsClickHouseOwnTextWithItsType() {
        String samples = database.table("samples");
        database.execute("CREATE TABLE " + samples + " ("
                + " id UInt8, amount Decimal(18, 4), ratio Float64, low Float64, narrow Float32, day Date,"
                + " at DateTime64(3, 'UTC'), uid UUID, flag Bool, tags Array(Nullable(String)), attrs Map(String, UInt16),"
                + " pair Tuple(UInt8, String), kind LowCardinality(String), code FixedString(3),"
                + " state Enum8('queued' = 1, 'done' = 2), maybe Nullable(Float64)"
                + ") ENGINE = MergeTree ORDER BY id");
        database.execute("INSERT INTO " + samples + " VALUES (1, 1.25, nan, -inf, 0.1, '2026-03-01',"
                + " '2026-03-01 09:30:00.123', '7f1c2d3e-0000-4000-8000-000000000001', true, ['a', NULL], {'k': 7},"
                + " (1, 'x'), 'tool', 'ab', 'done', NULL)");

        QueryResult result = database.query("SELECT * FROM " + samples);

        assertEquals(List.of("UInt8", "Decimal(18, 4)", "Float64", "Float64", "Float32", "Date", "DateTime64(3, 'UTC')",
                "UUID", "Bool", "Array(Nullable(String))", "Map(String, UInt16)", "Tuple(UInt8, String)",
                "LowCardinality(String)", "FixedString(3)", "Enum8('queued' = 1, 'done' = 2)", "Nullable(Float64)"),
                result.columns().stream().map(QueryResult.Column::type).toList());
        assertEquals(Arrays.asList("1", "1.25", "nan", "-inf", "0.1", "2026-03-01", "2026-03-01 09:30:00.123",
                "7f1c2d3e-0000-4000-8000-000000000001", "true", "['a',NULL]", "{'k':7}", "(1,'x')", "tool",
                "ab\0", "done", null), result.rows().get(0));
    }

    @Test
    void handlesOnTheSameStorageShareOneConnectionAndOutliveEachOther() {
        database.execute("CREATE TABLE " + database.table("shared") + " (x UInt8) ENGINE = MergeTree ORDER BY x");
        database.execute("INSERT INTO " + database.table("shared") + " VALUES (5)");

        try (EmbeddedClickHouse second = EmbeddedClickHouse.openInMemory()) {
            assertEquals("5", second.query("SELECT x FROM " + database.table("shared")).singleValue());
            assertEquals(Optional.empty(), second.dataDirectory());
        }

        assertEquals("5", database.query("SELECT x FROM " + database.table("shared")).singleValue(),
                "closing the second handle leaves the first one working");
    }

    @Test
    void aSecondStorageIsRefusedWithAMessageNamingBoth(@TempDir Path temporary) {
        Path elsewhere = temporary.resolve("other-data");

        ClickHouseException refusal = assertThrows(ClickHouseException.class, () -> EmbeddedClickHouse.open(elsewhere));

        assertTrue(refusal.getMessage().contains("data directory " + elsewhere.toAbsolutePath()), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("already has in-memory storage open"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("one storage per process"), refusal.getMessage());
        assertTrue(refusal.code().isEmpty(), "not an error of ClickHouse's");
        assertFalse(Files.exists(elsewhere), "nothing is created for a refused storage");
        assertEquals("1", database.query("SELECT 1").singleValue(), "the open storage is untouched");
    }

    @Test
    void aClosedHandleRefusesStatementsAndClosingTwiceIsHarmless() {
        EmbeddedClickHouse handle = EmbeddedClickHouse.openInMemory();
        handle.close();
        handle.close();

        IllegalStateException refusal = assertThrows(IllegalStateException.class, () -> handle.query("SELECT 1"));
        assertTrue(refusal.getMessage().contains("closed"), refusal.getMessage());
        assertEquals("1", database.query("SELECT 1").singleValue(), "other handles are unaffected");
    }

    @Test
    void dropSyncIsRefusedBecauseChdbWouldCrashTheJvm() {
        String table = database.table("kept");
        database.execute("CREATE TABLE " + table + " (x UInt8) ENGINE = MergeTree ORDER BY x");

        ClickHouseException refusal =
                assertThrows(ClickHouseException.class, () -> database.execute("DROP TABLE " + table + " SYNC"));

        assertTrue(refusal.getMessage().contains("drop without SYNC"), refusal.getMessage());
        assertEquals("1", database.query("EXISTS TABLE " + table).singleValue(), "the table was not touched");
        database.execute("DROP TABLE " + table);
        assertEquals("0", database.query("EXISTS TABLE " + table).singleValue());
    }

    @Test
    void theJvmStillHandlesItsOwnNullChecksWhileChdbIsOpen() {
        // HotSpot compiles this loop and relies on SIGSEGV for the null check; had chDB reset that
        // signal to SIG_DFL, the first null would end the JVM (exit code 139) instead of throwing.
        database.execute("SELECT 1");
        String[] values = new String[1_000];
        Arrays.fill(values, "agent");
        int lengths = 0;
        int nulls = 0;
        for (int round = 0; round < 300; round++) {
            values[round % values.length] = round % 3 == 0 ? null : "agent";
            for (String value : values) {
                try {
                    lengths += value.length();
                } catch (NullPointerException expected) {
                    nulls++;
                }
            }
        }
        assertTrue(nulls > 0 && lengths > 0);
    }
}
