package ai.crawbl.migrations;

/** A migration folder that cannot be used as it is; the message names the file and what to do. */
public class MigrationSourceException extends MigrationException {
    public MigrationSourceException(String message) {
        super(message);
    }
}
