package ai.crawbl.migrations.postgres;

import ai.crawbl.migrations.MigrationException;

import java.util.List;

/** An embedded cluster could not be created, started or stopped; the message says why and what to do. */
public class EmbeddedPostgresException extends MigrationException {
    public EmbeddedPostgresException(String message) {
        super(message);
    }

    public EmbeddedPostgresException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure that changing one of {@code settings} can get past; the message says which, in words. */
    public EmbeddedPostgresException(String message, Throwable cause, List<Setting> settings) {
        super(message, cause, settings);
    }
}
