package ai.crawbl.migrations.sql;

import java.util.Objects;

/**
 * One statement of a script: its text, trimmed and without the terminating semicolon, and the line and column in
 * the script where it starts (after any leading whitespace and comments). The text is an exact slice of the script,
 * so a position inside it maps back to the script with {@link #positionOf(int)}.
 */
public record Statement(String sql, int line, int column) {

    public Statement {
        Objects.requireNonNull(sql, "sql");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("line and column start at 1, got " + line + ":" + column);
        }
    }

    /** Where the statement starts in the script. */
    public Position start() {
        return new Position(line, column);
    }

    /**
     * The script position of a 1-based character position inside {@link #sql()}, as PostgreSQL reports it for an
     * error in a statement sent exactly as {@code sql()} (the {@code Position} field of its error). Characters are
     * Unicode characters; positions outside the statement are clamped to its first character or to its end.
     */
    public Position positionOf(int characterPosition) {
        int characters = sql.codePointCount(0, sql.length());
        int index = Math.max(0, Math.min(characterPosition - 1, characters));
        return start().advance(sql, 0, sql.offsetByCodePoints(0, index));
    }
}
