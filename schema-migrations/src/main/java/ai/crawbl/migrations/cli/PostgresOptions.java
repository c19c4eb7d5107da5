package ai.crawbl.migrations.cli;

import ai.crawbl.migrations.ConnectionTimeouts;
import ai.crawbl.migrations.postgres.ProvisionedExtensions;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of the PostgreSQL commands, mixed into the root command (given before a command's name) and into each
 * PostgreSQL command (given after it). Fields stay null when not given, so that {@link #over} can tell where a value
 * came from: the command's own wins, then the root's, then the default.
 */
final class PostgresOptions {

    @Option(names = "--url", paramLabel = "URL",
            description = "jdbc:postgresql://… or postgres://… (default: CRAWBL_DATABASE_URL, then PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE, then the embedded PostgreSQL).")
    String url;

    @Option(names = "--schema", paramLabel = "NAME", description = "Schema of the history table, created if missing, and first on the search path (default: "
            + "orchestrator). Files that name their schema run there whatever this says; one lock per database excludes "
            + "every runner.")
    String schema;

    @Option(names = "--embedded-data", paramLabel = "FOLDER",
            description = "Data folder of the embedded PostgreSQL (default: .crawbl/postgres here, or a folder the postgres user can reach).")
    Path embeddedData;

    @Option(names = "--extensions", paramLabel = "NAMES",
            description = "Extensions the embedded database gets in schema public before its first migration, as a managed "
                    + "server's administrator would have created them; comma-separated, 'none' for none (default: vector). "
                    + "Never applied to a database named by --url or the environment.")
    String extensions;

    @Option(names = "--ignore-down", description = "Accept a golang-migrate folder: warn about .down.sql files instead of failing.")
    Boolean ignoreDown;

    @Option(names = "--lock-wait", paramLabel = "SECONDS", description = "How long to wait for another runner's migration lock (default: 600).")
    Long lockWaitSeconds;

    @Option(names = "--lock-timeout", paramLabel = "MS",
            description = "lock_timeout for each DDL statement; a statement that hits it is retried (default: 10000).")
    Long lockTimeoutMillis;

    @Option(names = "--statement-timeout", paramLabel = "MS", description = "statement_timeout for each statement, 0 for none (default: 0).")
    Long statementTimeoutMillis;

    @Option(names = "--retries", paramLabel = "N", description = "Retries of a statement that hit the lock timeout (default: 3).")
    Integer retries;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "How long to wait for the TCP connection to the server (default: 10).")
    Long connectTimeoutSeconds;

    @Option(names = "--login-timeout", paramLabel = "SECONDS",
            description = "How long opening a session may take in all, TLS and authentication included (default: 30).")
    Long loginTimeoutSeconds;

    @Option(names = "--socket-timeout", paramLabel = "SECONDS",
            description = "How long to wait for any reply of the server, 0 for no limit; keep it above --statement-timeout (default: 0).")
    Long socketTimeoutSeconds;

    /**
     * The settings of one run: each option as given here, else as given in {@code outer}, else its default.
     *
     * @param url           the database's URL, or null to let {@code PostgresConnection} choose
     * @param embeddedData  the embedded cluster's data folder, or null for the checkout's
     * @param extensions    what the embedded database gets in schema public before its first migration
     */
    record Settings(String url, String schema, Path embeddedData, ProvisionedExtensions extensions, boolean ignoreDown, Duration lockWait, Duration lockTimeout,
                    Duration statementTimeout, int retries, ConnectionTimeouts timeouts) {
    }

    Settings over(PostgresOptions outer) {
        return new Settings(first(url, outer.url, null), first(schema, outer.schema, "orchestrator"),
                first(embeddedData, outer.embeddedData, null), ProvisionedExtensions.parse(first(extensions, outer.extensions, null)),
                first(ignoreDown, outer.ignoreDown, false),
                Duration.ofSeconds(first(lockWaitSeconds, outer.lockWaitSeconds, 600L)),
                Duration.ofMillis(first(lockTimeoutMillis, outer.lockTimeoutMillis, 10_000L)),
                Duration.ofMillis(first(statementTimeoutMillis, outer.statementTimeoutMillis, 0L)),
                first(retries, outer.retries, 3),
                new ConnectionTimeouts(seconds(connectTimeoutSeconds, outer.connectTimeoutSeconds, ConnectionTimeouts.DEFAULTS.connect()),
                        seconds(loginTimeoutSeconds, outer.loginTimeoutSeconds, ConnectionTimeouts.DEFAULTS.login()),
                        seconds(socketTimeoutSeconds, outer.socketTimeoutSeconds, ConnectionTimeouts.DEFAULTS.socket())));
    }

    /** The options that were given, by name. */
    List<String> given() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("--url", url);
        values.put("--schema", schema);
        values.put("--embedded-data", embeddedData);
        values.put("--extensions", extensions);
        values.put("--ignore-down", ignoreDown);
        values.put("--lock-wait", lockWaitSeconds);
        values.put("--lock-timeout", lockTimeoutMillis);
        values.put("--statement-timeout", statementTimeoutMillis);
        values.put("--retries", retries);
        values.put("--connect-timeout", connectTimeoutSeconds);
        values.put("--login-timeout", loginTimeoutSeconds);
        values.put("--socket-timeout", socketTimeoutSeconds);
        return values.entrySet().stream().filter(option -> option.getValue() != null).map(Map.Entry::getKey).toList();
    }

    private static Duration seconds(Long own, Long outer, Duration fallback) {
        Long given = first(own, outer, null);
        return given == null ? fallback : Duration.ofSeconds(given);
    }

    private static <T> T first(T own, T outer, T fallback) {
        return own != null ? own : outer != null ? outer : fallback;
    }
}
