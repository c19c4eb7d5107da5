package ai.crawbl.migrations.source;

import ai.crawbl.migrations.MigrationException;

import java.util.List;

/** A migration folder that cannot be used as it is; the message names the file and what to do. */
public class MigrationSourceException extends MigrationException {

    private static final long serialVersionUID = 1L;

    public MigrationSourceException(String message) {
        super(message);
    }

    /** A folder that changing one of {@code settings} makes usable; the message says which, in words. */
    public MigrationSourceException(String message, List<Setting> settings) {
        super(message, null, settings);
    }
}
