package ai.crawbl.migrations.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** {@link Statement#positionOf} maps a PostgreSQL error position inside a statement back to the script. */
class StatementTest {

    private final Statement statement = SqlScript.postgres("""
            -- header
            SELECT 1;

               CREATE TABLE orchestrator.t (
                 id uuid,
                 bad_type nonsense
               );
            """).get(1);

    @Test
    void theStatementStartsWhereItsFirstTokenIs() {
        assertEquals(new Position(4, 4), statement.start());
    }

    @Test
    void aPositionOnTheFirstLineCountsFromTheStatementsColumn() {
        assertEquals(new Position(4, 4), statement.positionOf(1));
        assertEquals(new Position(4, 11), statement.positionOf(8)); // "TABLE"
    }

    @Test
    void aPositionOnALaterLineCountsFromThatLinesStart() {
        int position = statement.sql().indexOf("nonsense") + 1;

        assertEquals(new Position(6, 15), statement.positionOf(position));
    }

    @Test
    void positionsCountCharactersAsPostgresDoes() {
        Statement emoji = SqlScript.postgres("SELECT '\uD83D\uDE00\uD83D\uDE00', nope").get(0);

        // PostgreSQL reports "nope" at character 14: each emoji is one character.
        assertEquals(new Position(1, 14), emoji.positionOf(14));
    }

    @Test
    void positionsOutsideTheStatementAreClamped() {
        assertEquals(new Position(4, 4), statement.positionOf(0));
        assertEquals(new Position(7, 5), statement.positionOf(10_000));
    }
}
