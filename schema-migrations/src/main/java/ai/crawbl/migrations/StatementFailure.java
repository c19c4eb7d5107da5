package ai.crawbl.migrations;

import ai.crawbl.migrations.source.Migration;
import ai.crawbl.migrations.sql.Position;
import ai.crawbl.migrations.sql.Statement;

/**
 * A statement of a migration that the database rejected, located in its file. The message reads
 * {@code file:line:column: ERROR code: message}, then the failing line with a caret under the spot, then what
 * state the target was left in.
 */
public class StatementFailure extends MigrationException {

    private final String script;
    private final int line;
    private final int column;
    private final String code;

    /**
     * @param position 1-based character position inside the statement that the database named, or 0 for none
     * @param code     the database's error code (SQLSTATE for PostgreSQL), or null
     */
    public StatementFailure(Migration migration, Statement statement, int position, String code, String message,
                            String aftermath, Throwable cause) {
        this(migration, statement, location(statement, position), code, message, aftermath, cause);
    }

    private StatementFailure(Migration migration, Statement statement, int[] at, String code, String message,
                             String aftermath, Throwable cause) {
        super(migration.script() + ":" + at[0] + ":" + at[1] + ": " + (code == null ? "" : "ERROR " + code + ": ")
                + message + "\n" + excerpt(migration.sql(), at[0], at[1]) + (aftermath == null ? "" : "\n" + aftermath), cause);
        this.script = migration.script();
        this.line = at[0];
        this.column = at[1];
        this.code = code;
    }

    public String script() {
        return script;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }

    /** The database's error code, or null. */
    public String code() {
        return code;
    }

    /** Line and column in the file of a 1-based character position inside the statement (0: its start). */
    private static int[] location(Statement statement, int position) {
        Position at = statement.positionOf(position);
        return new int[] {at.line(), at.column()};
    }

    private static String excerpt(String text, int line, int column) {
        String[] lines = text.split("\n", -1);
        if (line < 1 || line > lines.length) {
            return "";
        }
        String gutter = String.format("%5d | ", line);
        return gutter + lines[line - 1].replace('\t', ' ') + "\n"
                + " ".repeat(gutter.length() - 2) + "| " + " ".repeat(Math.max(column - 1, 0)) + "^";
    }
}
