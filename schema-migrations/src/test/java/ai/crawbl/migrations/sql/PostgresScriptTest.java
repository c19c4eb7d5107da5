package ai.crawbl.migrations.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link SqlScript#postgres} splits a script and where it says each statement starts. */
class PostgresScriptTest {

    private static List<String> sql(String script) {
        return SqlScript.postgres(script).stream().map(Statement::sql).toList();
    }

    @Test
    void statementsAreTrimmedAndLoseTheirSemicolon() {
        assertEquals(List.of("SELECT 1", "SELECT 2"), sql("  SELECT 1 ;\n\tSELECT 2;\n"));
    }

    @Test
    void emptyStatementsAreDropped() {
        assertEquals(List.of("SELECT 1", "SELECT 2"), sql(";;SELECT 1;; ;\n;SELECT 2;;"));
        assertEquals(List.of(), sql("-- only a comment;\n/* and another; */\n;\n"));
    }

    @Test
    void theLastStatementNeedsNoSemicolon() {
        assertEquals(List.of("SELECT 1", "SELECT 2\n-- trailing comment"), sql("SELECT 1;\nSELECT 2\n-- trailing comment\n"));
    }

    @Test
    void aStatementStartsAfterItsLeadingComments() {
        List<Statement> statements = SqlScript.postgres("""
                -- crawbl:no-transaction
                /* header */ CREATE TABLE t (a int);
                  -- comment
                    SELECT 1;""");

        assertEquals(List.of(new Statement("CREATE TABLE t (a int)", 2, 14), new Statement("SELECT 1", 4, 5)),
                statements);
    }

    @Test
    void columnsCountCharactersNotUtf16Units() {
        Statement second = SqlScript.postgres("SELECT '\uD83D\uDE00'; SELECT 2;").get(1);

        assertEquals(new Position(1, 13), second.start());
    }

    @Test
    void aPositionalParameterIsNotADollarQuote() {
        assertEquals(List.of("SELECT $1 + $2", "SELECT 3"), sql("SELECT $1 + $2; SELECT 3;"));
    }

    @Test
    void aDollarInsideAnIdentifierIsNotADollarQuote() {
        assertEquals(List.of("SELECT a$b$ FROM t", "SELECT 'x'"), sql("SELECT a$b$ FROM t; SELECT 'x';"));
    }

    @Test
    void aDollarQuoteClosesOnlyWithItsOwnTag() {
        assertEquals(List.of("SELECT $a$ $b$ ; $$ ; $ab$ $a$", "SELECT 2"), sql("SELECT $a$ $b$ ; $$ ; $ab$ $a$; SELECT 2"));
    }

    @Test
    void aTransactionBeginIsAStatementOfItsOwn() {
        assertEquals(List.of("BEGIN", "SELECT 1", "END"), sql("BEGIN; SELECT 1; END;"));
    }

    @Test
    void beginAtomicBodiesKeepTheirSemicolonsAndCaseNestsInside() {
        String function = """
                CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC
                  SELECT CASE WHEN true THEN 1 END;
                  SELECT 2;
                END""";

        assertEquals(List.of(function, "SELECT 3"), sql(function + ";\nSELECT 3;"));
    }

    @Test
    void aMetaCommandIsAnErrorNamingItsLine() {
        var error = assertThrows(SqlSyntaxException.class,
                () -> SqlScript.postgres("SELECT 1;\n\\set ON_ERROR_STOP on\nSELECT 2;"));

        assertEquals(new Position(2, 1), error.position());
        assertTrue(error.getMessage().startsWith("line 2:1: psql meta-command \\set is not supported"),
                error.getMessage());
    }

    @Test
    void aBackslashInsideAStringOrCommentIsNoMetaCommand() {
        assertEquals(List.of("SELECT E'\\n', '\\i' /* \\x */"), sql("SELECT E'\\n', '\\i' /* \\x */; -- \\q"));
    }

    @Test
    void unterminatedLiteralsAndCommentsAreErrorsAtTheirStart() {
        assertEquals(new Position(2, 8), assertThrows(SqlSyntaxException.class,
                () -> SqlScript.postgres("SELECT 1;\nSELECT 'abc;\nSELECT 2;")).position());
        assertEquals(new Position(1, 24), assertThrows(SqlSyntaxException.class,
                () -> SqlScript.postgres("CREATE FUNCTION f() AS $fn$ body $fn;")).position());
        assertEquals(new Position(1, 1), assertThrows(SqlSyntaxException.class,
                () -> SqlScript.postgres("/* outer /* inner */ still open")).position());
        assertEquals(new Position(1, 8), assertThrows(SqlSyntaxException.class,
                () -> SqlScript.postgres("SELECT \"open")).position());
        assertEquals(new Position(1, 8), assertThrows(SqlSyntaxException.class,
                () -> SqlScript.postgres("SELECT E'it\\'s")).position());
    }

    @Test
    void aLeadingByteOrderMarkIsDroppedAsPsqlDropsIt() {
        assertEquals(List.of("CREATE TABLE t (a int)"), sql("\uFEFFCREATE TABLE t (a int);"));
        assertTrue(SqlScript.noTransaction("\uFEFF-- crawbl:no-transaction\nCREATE INDEX CONCURRENTLY ..."));
    }

    @Test
    void theNoTransactionDirectiveIsExactlyTheFirstLine() {
        assertTrue(SqlScript.noTransaction("-- crawbl:no-transaction\nCREATE INDEX CONCURRENTLY ..."));
        assertTrue(SqlScript.noTransaction("-- crawbl:no-transaction\r\nCREATE INDEX CONCURRENTLY ..."));
        assertFalse(SqlScript.noTransaction("--crawbl:no-transaction\nCREATE INDEX CONCURRENTLY ..."));
        assertFalse(SqlScript.noTransaction("\n-- crawbl:no-transaction\nCREATE INDEX CONCURRENTLY ..."));
        assertFalse(SqlScript.noTransaction("-- crawbl:no-transaction please\nSELECT 1"));
    }
}
