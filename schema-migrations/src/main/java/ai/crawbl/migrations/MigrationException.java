package ai.crawbl.migrations;

/**
 * A migration command that could not do its work; the message is meant for the person who ran it. The root of every
 * failure the toolkit reports (a statement, a source, a ClickHouse, an embedded PostgreSQL), so a caller prints
 * {@link #getMessage()} and nothing else.
 */
public class MigrationException extends RuntimeException {
    public MigrationException(String message) {
        super(message);
    }

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
