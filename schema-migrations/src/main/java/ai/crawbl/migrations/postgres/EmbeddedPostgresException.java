package ai.crawbl.migrations.postgres;

import ai.crawbl.migrations.MigrationException;

/** An embedded cluster could not be created, started or stopped; the message says why and what to do. */
public class EmbeddedPostgresException extends MigrationException {
    public EmbeddedPostgresException(String message) {
        super(message);
    }

    public EmbeddedPostgresException(String message, Throwable cause) {
        super(message, cause);
    }
}
