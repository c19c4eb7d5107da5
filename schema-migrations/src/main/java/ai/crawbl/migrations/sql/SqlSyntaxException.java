package ai.crawbl.migrations.sql;

/**
 * A script that cannot be split into statements: an unterminated literal, quoted identifier or comment, or a psql
 * meta-command. The message names the line and column and what to change.
 */
public final class SqlSyntaxException extends IllegalArgumentException {

    private final transient Position position;
    private final String problem;

    public SqlSyntaxException(Position position, String problem) {
        super("line " + position + ": " + problem);
        this.position = position;
        this.problem = problem;
    }

    /** What is wrong, without the position. */
    public String problem() {
        return problem;
    }

    /** Where the problem starts in the script. */
    public Position position() {
        return position;
    }

    public int line() {
        return position.line();
    }
}
