package ai.crawbl.migrations.postgres;

/** An embedded cluster could not be created, started or stopped; the message says why and what to do. */
public class EmbeddedPostgresException extends RuntimeException {
    public EmbeddedPostgresException(String message) {
        super(message);
    }

    public EmbeddedPostgresException(String message, Throwable cause) {
        super(message, cause);
    }
}
