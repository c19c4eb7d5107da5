package ai.crawbl.migrations.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.crawbl.migrations.testing.ClickHouseDatabase;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * What every {@link ClickHouse} target must do, whichever provider it is: the migration engine relies on
 * exactly these behaviours. Each provider's test class extends this with a database of its own.
 */
abstract class ClickHouseContract {

    private final ClickHouseDatabase database;

    ClickHouseContract(ClickHouseDatabase database) {
        this.database = database;
    }

    @Test
    void rowsInsertedIntoAMergeTreeAreReadBackInOrderWithTheirColumns() {
        String events = database.table("agent_events");
        database.execute("CREATE TABLE IF NOT EXISTS " + events
                + " (id UInt32, agent String, at DateTime('UTC')) ENGINE = MergeTree ORDER BY id");
        database.execute("INSERT INTO " + events + " VALUES"
                + " (2, 'planner', '2026-03-01 10:00:00'), (1, 'coder', '2026-03-01 09:30:00'), (3, 'reviewer', '2026-03-02 08:00:00')");

        QueryResult result = database.query("SELECT id, agent, at FROM " + events + " ORDER BY id");

        assertEquals(List.of(new QueryResult.Column("id", "UInt32"), new QueryResult.Column("agent", "String"),
                new QueryResult.Column("at", "DateTime('UTC')")), result.columns());
        assertEquals(List.of(
                List.of("1", "coder", "2026-03-01 09:30:00"),
                List.of("2", "planner", "2026-03-01 10:00:00"),
                List.of("3", "reviewer", "2026-03-02 08:00:00")), result.rows());
    }

    @Test
    void aMaterializedViewRollsRowsUpPerDayIntoASummingMergeTree() {
        String calls = database.table("model_calls");
        String daily = database.table("model_calls_daily");
        database.execute("CREATE TABLE IF NOT EXISTS " + calls
                + " (at DateTime('UTC'), model String, tokens UInt64) ENGINE = MergeTree ORDER BY at");
        database.execute("CREATE TABLE IF NOT EXISTS " + daily
                + " (day Date, model String, calls UInt64, tokens UInt64) ENGINE = SummingMergeTree ORDER BY (day, model)");
        database.execute("CREATE MATERIALIZED VIEW IF NOT EXISTS " + database.table("model_calls_daily_mv")
                + " TO " + daily + " AS SELECT toDate(at) AS day, model, count() AS calls, sum(tokens) AS tokens"
                + " FROM " + calls + " GROUP BY day, model");

        // Three inserts, so the target holds several parts until they are merged.
        database.execute("INSERT INTO " + calls + " VALUES ('2026-03-01 09:00:00', 'gpt', 100), ('2026-03-01 17:45:00', 'gpt', 250)");
        database.execute("INSERT INTO " + calls + " VALUES ('2026-03-01 23:59:59', 'gpt', 1), ('2026-03-02 00:00:00', 'gpt', 40)");
        database.execute("INSERT INTO " + calls + " VALUES ('2026-03-02 12:00:00', 'gpt', 60), ('2026-03-02 13:00:00', 'claude', 7)");

        List<List<String>> expected = List.of(
                List.of("2026-03-01", "gpt", "3", "351"),
                List.of("2026-03-02", "claude", "1", "7"),
                List.of("2026-03-02", "gpt", "2", "100"));
        assertEquals(expected, database.query("SELECT day, model, sum(calls), sum(tokens) FROM " + daily
                + " GROUP BY day, model ORDER BY day, model").rows(), "summed on read, before any merge");

        database.execute("OPTIMIZE TABLE " + daily + " FINAL");
        assertEquals(expected, database.query("SELECT day, model, calls, tokens FROM " + daily
                + " ORDER BY day, model").rows(), "one row per key once the parts are merged");
    }

    @Test
    void aFailedStatementCarriesClickHouseOwnMessageAndCode() {
        ClickHouseException failure = assertThrows(ClickHouseException.class,
                () -> database.query("SELECT * FROM " + database.table("no_such_table")));

        assertEquals(OptionalInt.of(60), failure.code());
        assertEquals("UNKNOWN_TABLE", failure.errorName().orElseThrow());
        assertTrue(failure.getMessage().contains("no_such_table"), failure.getMessage());
        assertEquals("1", database.query("SELECT 1").singleValue(), "the target still answers afterwards");
    }

    @Test
    void aSyntaxErrorIsReportedAsSuch() {
        ClickHouseException failure = assertThrows(ClickHouseException.class,
                () -> database.execute("CREATE TABEL " + database.table("typo") + " (x UInt8) ENGINE = Memory"));

        assertEquals(OptionalInt.of(62), failure.code());
        assertEquals("SYNTAX_ERROR", failure.errorName().orElseThrow());
    }

    @Test
    void nullIsNullAndTextIsReturnedExactly() {
        String notes = database.table("notes");
        database.execute("CREATE TABLE IF NOT EXISTS " + notes
                + " (id UInt8, body Nullable(String), score Nullable(Int32), big UInt64, small Int64)"
                + " ENGINE = MergeTree ORDER BY id");
        database.execute("INSERT INTO " + notes + " VALUES"
                + " (1, NULL, NULL, 18446744073709551615, -9223372036854775808),"
                + " (2, 'tab\\there, newline\\nthere, backslash \\\\ and quote \\' and ünïcødé ✓', 42, 0, 0),"
                + " (3, '\\\\N', -1, 1, -1),"
                + " (4, '', 0, 2, -2)");

        QueryResult result = database.query("SELECT id, body, score, big, small FROM " + notes + " ORDER BY id");

        assertEquals(List.of("Nullable(String)", "Nullable(Int32)", "UInt64", "Int64"),
                result.columns().subList(1, 5).stream().map(QueryResult.Column::type).toList());
        assertNull(result.value(0, "body"));
        assertNull(result.value(0, "score"));
        assertEquals("18446744073709551615", result.value(0, "big"));
        assertEquals("-9223372036854775808", result.value(0, "small"));
        assertEquals("tab\there, newline\nthere, backslash \\ and quote ' and ünïcødé ✓", result.value(1, "body"));
        assertEquals("42", result.value(1, "score"));
        assertEquals("\\N", result.value(2, "body"), "the two characters \\N are text, not NULL");
        assertEquals("", result.value(3, "body"), "the empty string is not NULL");
    }

    @Test
    void aStatementWithoutResultSetGivesAnEmptyResultAndAnEmptySelectStillNamesItsColumns() {
        String empty = database.table("empty");

        assertEquals(QueryResult.empty(),
                database.query("CREATE TABLE IF NOT EXISTS " + empty + " (x UInt8) ENGINE = MergeTree ORDER BY x"));

        QueryResult none = database.query("SELECT x FROM " + empty);
        assertEquals(List.of(new QueryResult.Column("x", "UInt8")), none.columns());
        assertEquals(List.of(), none.rows());
    }
}
