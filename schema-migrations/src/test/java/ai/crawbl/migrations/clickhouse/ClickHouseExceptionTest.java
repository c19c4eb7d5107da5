package ai.crawbl.migrations.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Which error ClickHouse reported, read from its message the way both chDB and the server write it. */
class ClickHouseExceptionTest {

    @Test
    void chdbMessagesCarryCodeAndName() {
        ClickHouseException e = ClickHouseException.fromClickHouse("Code: 60. DB::Exception: Unknown table expression"
                + " identifier 'nope' in scope SELECT * FROM nope. (UNKNOWN_TABLE)\n", null);

        assertEquals(OptionalInt.of(60), e.code());
        assertEquals(Optional.of("UNKNOWN_TABLE"), e.errorName());
        assertEquals("Code: 60. DB::Exception: Unknown table expression identifier 'nope' in scope SELECT * FROM nope."
                + " (UNKNOWN_TABLE)", e.getMessage(), "ClickHouse's message, only trimmed");
    }

    @Test
    void serverMessagesEndWithTheVersionAfterTheName() {
        ClickHouseException e = ClickHouseException.fromClickHouse(
                "Code: 62. DB::Exception: Syntax error: failed at position 8. (SYNTAX_ERROR) (version 25.8.2.29 (official build))",
                null);

        assertEquals(OptionalInt.of(62), e.code());
        assertEquals(Optional.of("SYNTAX_ERROR"), e.errorName());
    }

    @Test
    void aCodeReportedByTheDriverIsKeptEvenWhenTheMessageLacksIt() {
        ClickHouseException e = ClickHouseException.fromClickHouse("Table default.nope does not exist", 60, null);

        assertEquals(OptionalInt.of(60), e.code());
        assertEquals(Optional.empty(), e.errorName());
    }

    @Test
    void failuresOutsideClickHouseHaveNoCode() {
        ClickHouseException e = ClickHouseException.unavailable("libchdb.so is missing", null);

        assertEquals(OptionalInt.empty(), e.code());
        assertEquals(Optional.empty(), e.errorName());
    }
}
