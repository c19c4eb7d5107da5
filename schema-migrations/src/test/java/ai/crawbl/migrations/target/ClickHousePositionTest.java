package ai.crawbl.migrations.target;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * ClickHouse's "failed at position N" (a 1-based byte offset into the text it was sent) as a character position in the
 * statement of the file; the end-to-end cases run on embedded ClickHouse in {@code ClickHouseMigrationContract}.
 */
class ClickHousePositionTest {

    private static final String STATEMENT = "CREATE TABLE IF NOT EXISTS t (s String DEFAULT 'h\u00e9\u00e9') ENGINE = MergeTree ORDER BY s oops";

    /** The message ClickHouse gives for an error at the first {@code oops} of {@code sent}. */
    private static String messageAt(String sent) {
        int bytes = sent.substring(0, sent.indexOf("oops")).getBytes(StandardCharsets.UTF_8).length;
        return "Code: 62. DB::Exception: Syntax error: failed at position " + (bytes + 1) + " (oops): oops.";
    }

    @Test
    void aByteOffsetAfterMultiByteCharactersBecomesTheCharacterPositionOfTheToken() {
        assertEquals(STATEMENT.indexOf("oops") + 1, ClickHouseTarget.characterPosition(messageAt(STATEMENT), STATEMENT, STATEMENT));
    }

    @Test
    void aPlaceAfterTheInsertedOnClusterMovesBackByItsLength() {
        String sent = new ClusterDdl("analytics").render(STATEMENT);
        assertEquals(STATEMENT.indexOf("oops") + 1, ClickHouseTarget.characterPosition(messageAt(sent), sent, STATEMENT), sent);
    }

    @Test
    void aMessageWithoutAPositionNamesTheStatementsStart() {
        assertEquals(0, ClickHouseTarget.characterPosition("Code: 60. DB::Exception: Unknown table", STATEMENT, STATEMENT));
    }
}
