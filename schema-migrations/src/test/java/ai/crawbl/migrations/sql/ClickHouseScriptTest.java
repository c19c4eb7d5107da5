package ai.crawbl.migrations.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link SqlScript#clickhouse} splits a script: ClickHouse's lexer rules, not PostgreSQL's. */
class ClickHouseScriptTest {

    private static List<String> sql(String script) {
        return SqlScript.clickhouse(script).stream().map(Statement::sql).toList();
    }

    @Test
    void splitsAtSemicolonsAndDropsEmptyStatements() {
        assertEquals(List.of("SELECT 1", "SELECT 2"), sql(";SELECT 1;;\n SELECT 2"));
    }

    @Test
    void stringsTakeBackslashEscapesAndDoubledQuotes() {
        assertEquals(List.of("SELECT 'it\\'s; here', 'it''s; too'", "SELECT 2"),
                sql("SELECT 'it\\'s; here', 'it''s; too'; SELECT 2;"));
    }

    @Test
    void backquotedAndDoubleQuotedIdentifiersMayHoldSemicolons() {
        assertEquals(List.of("SELECT `a;b`, \"c;\\\"d\" FROM t", "SELECT 2"),
                sql("SELECT `a;b`, \"c;\\\"d\" FROM t; SELECT 2"));
    }

    @Test
    void hashStartsACommentOnlyBeforeASpaceOrBang() {
        assertEquals(List.of("SELECT 1", "SELECT 2"), sql("# a comment; really\nSELECT 1;\n#! shebang;\nSELECT 2;"));
        // "#x" is no comment in ClickHouse (it is a syntax error there); its semicolon still splits.
        assertEquals(List.of("SELECT #x", "y"), sql("SELECT #x; y"));
    }

    @Test
    void doubleDashAndDoubleSlashCommentsRunToTheEndOfTheLine() {
        assertEquals(List.of("SELECT 1 -- one; still a comment\n  + 1 // two; also a comment"),
                sql("SELECT 1 -- one; still a comment\n  + 1 // two; also a comment\n;"));
    }

    @Test
    void blockCommentsNest() {
        assertEquals(List.of("SELECT /* a /* b; */ c; */ 1", "SELECT 2"), sql("SELECT /* a /* b; */ c; */ 1; SELECT 2"));
    }

    @Test
    void heredocsAreStrings() {
        assertEquals(List.of("SELECT $doc$ a; 'b $doc$", "SELECT 2"), sql("SELECT $doc$ a; 'b $doc$; SELECT 2"));
    }

    @Test
    void statementsKnowTheirLines() {
        List<Statement> statements = SqlScript.clickhouse("""
                -- 001
                CREATE TABLE IF NOT EXISTS a (x UInt8) ENGINE = Memory;

                # second
                  CREATE TABLE IF NOT EXISTS b (x UInt8) ENGINE = Memory;
                """);

        assertEquals(List.of(new Position(2, 1), new Position(5, 3)),
                statements.stream().map(Statement::start).toList());
    }

    @Test
    void unterminatedStringsAndCommentsAreErrors() {
        assertEquals(new Position(2, 8), assertThrows(SqlSyntaxException.class,
                () -> SqlScript.clickhouse("SELECT 1;\nSELECT 'open\\';")).position());
        assertEquals(new Position(1, 1), assertThrows(SqlSyntaxException.class,
                () -> SqlScript.clickhouse("/* /* */ SELECT 1;")).position());
    }
}
