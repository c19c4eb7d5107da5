package ai.crawbl.migrations;

import java.util.List;

/**
 * A migration command that could not do its work; the message is meant for the person who ran it. The root of every
 * failure the toolkit reports (a statement, a source, a ClickHouse, an embedded PostgreSQL), so a caller prints
 * {@link #getMessage()} and nothing else.
 *
 * <p>The message names the settings in words ("the lock wait"), never a command-line flag: a failure that a person
 * gets past by changing a setting also lists that setting in {@link #settings()}, for a front end to name it the way
 * its users set it.
 */
public class MigrationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A setting that a person can change to get past a failure; the message says which and how, in words. */
    public enum Setting {
        /** How long to wait for the TCP connection to a server. */
        CONNECT_TIMEOUT,
        /** How long to wait for a server to accept the login. */
        LOGIN_TIMEOUT,
        /** How long to wait for another runner's migration lock. */
        LOCK_WAIT,
        /** Repairing even when that removes every applied migration from the history. */
        FORCE_REPAIR,
        /** Accepting down migrations in a folder, with a warning, instead of failing. */
        IGNORE_DOWN,
        /** The folder of the embedded PostgreSQL cluster's data. */
        EMBEDDED_DATA
    }

    private final List<Setting> settings;

    public MigrationException(String message) {
        this(message, null);
    }

    public MigrationException(String message, Throwable cause) {
        this(message, cause, List.of());
    }

    /** A failure that changing one of {@code settings} can get past; the message says which, in words. */
    public MigrationException(String message, Throwable cause, List<Setting> settings) {
        super(message, cause);
        this.settings = List.copyOf(settings);
    }

    /** The settings whose change can get past this failure, in the order the message names them; often none. */
    public List<Setting> settings() {
        return settings;
    }
}
