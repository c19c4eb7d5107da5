package ai.crawbl.migrations.clickhouse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How chDB's TabSeparatedWithNamesAndTypes output is read back into values. */
class TabSeparatedResultTest {

    private static QueryResult parse(String output) {
        return TabSeparatedResult.parse(output.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void namesTypesAndRowsAreReadInOrder() {
        QueryResult result = parse("id\tname\nUInt8\tString\n1\tplanner\n2\tcoder\n");

        assertEquals(List.of(new QueryResult.Column("id", "UInt8"), new QueryResult.Column("name", "String")),
                result.columns());
        assertEquals(List.of(List.of("1", "planner"), List.of("2", "coder")), result.rows());
    }

    @Test
    void theNullMarkerIsNullButAnEscapedBackslashBeforeNIsText() {
        QueryResult result = parse("a\tb\nNullable(String)\tNullable(String)\n\\N\t\\\\N\n");

        assertEquals(Arrays.asList(null, "\\N"), result.rows().get(0));
    }

    @Test
    void escapeSequencesBecomeTheCharactersTheyStandFor() {
        QueryResult result = parse("s\nString\ntab\\there\\nnew line \\\\ \\' \\0 \\x41 \\b\\f\\r ✓\n");

        assertEquals("tab\there\nnew line \\ ' \0 A \b\f\r ✓", result.singleValue());
    }

    @Test
    void noOutputIsTheEmptyResultOfAStatementWithoutResultSet() {
        assertEquals(QueryResult.empty(), TabSeparatedResult.parse(new byte[0]));
    }

    @Test
    void outputInAnotherFormatIsRejectedWithAHintAboutTheFormatClause() {
        ClickHouseException rejected = assertThrows(ClickHouseException.class, () -> parse("{\"a\":1}\n"));

        assertTrue(rejected.getMessage().contains("remove any FORMAT clause"), rejected.getMessage());
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsIsRejected() {
        assertThrows(ClickHouseException.class, () -> parse("a\tb\nUInt8\tUInt8\n1\n"));
    }
}
