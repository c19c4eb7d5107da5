package ai.crawbl.clickhouse.jooq;

import ai.crawbl.migrations.testing.ClickHouseDatabase;
import ai.crawbl.migrations.testing.EmbeddedClickHouseExtension;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.types.UByte;
import org.jooq.types.ULong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A jOOQ context on embedded ClickHouse: what it runs, how results come back typed, and what it refuses. */
@ExtendWith(EmbeddedClickHouseExtension.class)
class ChdbJooqTest {

    private final ClickHouseDatabase database;
    private final DSLContext ctx;

    ChdbJooqTest(ClickHouseDatabase database) {
        this.database = database;
        this.ctx = ChdbJooq.using(database.clickHouse());
    }

    private Table<Record> table(String name) {
        return DSL.table(DSL.name(database.name(), name));
    }

    @Test
    void resultColumnsComeBackAsTheJavaTypesOfTheirClickHouseTypes() {
        Record row = ctx.fetchOne("SELECT toInt32(-7) AS i, toUInt64('18446744073709551615') AS u, toUInt8(200) AS b,"
                + " toDecimal64('1234.000001', 6) AS d, toDateTime64('2024-03-01 12:30:00.125', 3, 'UTC') AS t,"
                + " toDate('2024-03-01') AS day, toUUID('3d1f4c4e-4b43-4c1b-9c3c-1b0d2c1c9a11') AS id,"
                + " ['a', 'b\\'c', NULL] AS tags, CAST(NULL AS Nullable(String)) AS missing, true AS yes,"
                + " toLowCardinality('gpt') AS model, nan AS notANumber");

        assertEquals(-7, row.get("i"));
        assertEquals(ULong.valueOf("18446744073709551615"), row.get("u"));
        assertEquals(UByte.valueOf(200), row.get("b"));
        assertEquals(new BigDecimal("1234.000001"), row.get("d"));
        assertEquals(OffsetDateTime.of(2024, 3, 1, 12, 30, 0, 125_000_000, ZoneOffset.UTC), row.get("t"));
        assertEquals(LocalDate.of(2024, 3, 1), row.get("day", LocalDate.class));
        assertEquals(UUID.fromString("3d1f4c4e-4b43-4c1b-9c3c-1b0d2c1c9a11"), row.get("id"));
        assertArrayEquals(new String[] {"a", "b'c", null}, (Object[]) row.get("tags"));
        assertNull(row.get("missing"));
        assertEquals(true, row.get("yes"));
        assertEquals("gpt", row.get("model"));
        assertTrue(Double.isNaN((Double) row.get("notANumber")));
    }

    @Test
    void insertedValuesRoundTripExactlyWhateverTheyHoldAndExecuteCountsTheRows() {
        database.execute("CREATE TABLE " + database.table("notes") + " (id Int32, body String, amount Decimal64(6),"
                + " at DateTime64(3, 'UTC'), tags Array(String)) ENGINE = MergeTree ORDER BY id");
        Field<Integer> id = DSL.field(DSL.name("id"), SQLDataType.INTEGER);
        Field<String> body = DSL.field(DSL.name("body"), SQLDataType.VARCHAR);
        Field<BigDecimal> amount = DSL.field(DSL.name("amount"), SQLDataType.DECIMAL(18, 6));
        Field<Instant> at = DSL.field(DSL.name("at"), SQLDataType.OTHER.asConvertedDataType(new InstantBinding()));
        Field<String[]> tags = DSL.field(DSL.name("tags"), SQLDataType.VARCHAR.getArrayDataType());
        String hostile = "it's a \\ back'slash'\n\ttab, '); DROP TABLE notes; -- ünïcode";
        Instant when = Instant.parse("2024-03-01T23:59:59.999Z");

        int inserted = ctx.insertInto(table("notes"), id, body, amount, at, tags)
                .values(1, hostile, new BigDecimal("0.1"), when, new String[] {"x'y", "a\\b"})
                .values(2, "plain", new BigDecimal("0.000001"), when.plusMillis(1), new String[0])
                .execute();

        assertEquals(2, inserted);
        var rows = ctx.select(id, body, amount, at, tags).from(table("notes")).orderBy(id).fetch();
        assertEquals(hostile, rows.get(0).get(body));
        assertEquals(new BigDecimal("0.100000"), rows.get(0).get(amount), "decimals are parsed as text, never as floats");
        assertEquals(when, rows.get(0).get(at));
        assertArrayEquals(new String[] {"x'y", "a\\b"}, rows.get(0).get(tags));
        assertEquals(new BigDecimal("0.000001"), rows.get(1).get(amount));
        assertEquals(1, ctx.fetchCount(table("notes"), at.gt(when)));
    }

    @Test
    void anInsertLongerThanClickHousesQuerySizeLimitCarriesItsOwnAndLeavesTheSessionAlone() {
        database.execute("CREATE TABLE " + database.table("long_rows") + " (n Int32, text String) ENGINE = MergeTree ORDER BY n");
        Field<Integer> n = DSL.field(DSL.name("n"), SQLDataType.INTEGER);
        Field<String> text = DSL.field(DSL.name("text"), SQLDataType.VARCHAR);
        var insert = ctx.insertInto(table("long_rows"), n, text);
        for (int i = 0; i < 3_000; i++) {
            insert = insert.values(i, "x".repeat(100));
        }

        assertEquals(3_000, insert.execute());

        assertEquals(3_000, ctx.fetchCount(table("long_rows")));
        assertEquals("262144", database.query("SELECT getSetting('max_query_size')").singleValue());
    }

    @Test
    void mapsAndTuplesReadAsClickHousesTextForThem() {
        Record row = ctx.fetchOne("SELECT map('a', 1, 'b', 2) AS counters, tuple(1, 'x') AS pair");

        assertEquals("{'a':1,'b':2}", row.get("counters"));
        assertEquals("(1,'x')", row.get("pair"));
    }

    @Test
    void anInsertThatWouldUpdateOnAConflictIsRefused() {
        database.execute("CREATE TABLE " + database.table("keyed") + " (n Int32) ENGINE = MergeTree ORDER BY n");
        Field<Integer> n = DSL.field(DSL.name("n"), SQLDataType.INTEGER);

        assertThrows(UnsupportedOperationException.class,
                () -> ctx.insertInto(table("keyed"), n).values(1).onDuplicateKeyIgnore().execute());
        assertEquals(0, ctx.fetchCount(table("keyed")));
    }

    @Test
    void clickHouseErrorsReachTheCallerWithClickHousesMessage() {
        DataAccessException e = assertThrows(DataAccessException.class,
                () -> ctx.selectFrom(table("no_such_table")).fetch());
        assertTrue(e.getMessage().contains("UNKNOWN_TABLE"), e.getMessage());
    }

    @Test
    void transactionsAreRefusedSinceClickHouseHasNone() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> ctx.transaction(configuration -> DSL.using(configuration).fetch("SELECT 1")));
        assertTrue(e.getMessage().contains("no transactions"), e.getMessage());
    }

    @Test
    void aBatchOfBindValuesRunsAsOneInlinedStatementPerBindSet() {
        database.execute("CREATE TABLE " + database.table("counts") + " (n Int32) ENGINE = MergeTree ORDER BY n");
        Field<Integer> n = DSL.field(DSL.name("n"), SQLDataType.INTEGER);

        ctx.batch(ctx.insertInto(table("counts"), n).values((Integer) null)).bind(1).bind(2).execute();

        assertEquals(List.of(1, 2), ctx.select(n).from(table("counts")).orderBy(n).fetch(n));
    }

    @Test
    void aBatchOfSeparateQueriesRunsThemOneByOne() {
        database.execute("CREATE TABLE " + database.table("runs") + " (n Int32) ENGINE = MergeTree ORDER BY n");
        Field<Integer> n = DSL.field(DSL.name("n"), SQLDataType.INTEGER);

        ctx.batch(ctx.insertInto(table("runs"), n).values(1), ctx.insertInto(table("runs"), n).values(2).values(3)).execute();

        assertEquals(List.of(1, 2, 3), ctx.select(n).from(table("runs")).orderBy(n).fetch(n));
    }
}
