package ai.crawbl.migrations.cli;

import ai.crawbl.migrations.ConnectionTimeouts;
import picocli.CommandLine.Option;

import java.time.Duration;

/**
 * The options of the ClickHouse commands, mixed into {@code clickhouse} (given before a command's name) and into each
 * of its commands (given after it); the command's own value wins.
 */
final class ClickHouseOptions {

    @Option(names = "--clickhouse", paramLabel = "embedded[:PATH]|URL",
            description = "embedded (chDB, data in .crawbl/clickhouse), embedded:PATH, or a server's JDBC URL, logged into as "
                    + "CRAWBL_CLICKHOUSE_USER with CRAWBL_CLICKHOUSE_PASSWORD (default: CRAWBL_CLICKHOUSE_URL; none: skipped).")
    String clickhouse;

    @Option(names = "--database", paramLabel = "NAME", description = "Target database, created if missing (default: crawbl).")
    String database;

    @Option(names = "--cluster", paramLabel = "NAME", description = "Render DDL ON CLUSTER NAME and replicate the history table.")
    String cluster;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "How long to wait for a server's TCP connection (default: 10).")
    Long connectTimeoutSeconds;

    @Option(names = "--login-timeout", paramLabel = "SECONDS",
            description = "How long a server may take to answer its first query (default: 30).")
    Long loginTimeoutSeconds;

    @Option(names = "--socket-timeout", paramLabel = "SECONDS",
            description = "How long to wait for a server's reply to a statement, 0 for no limit (default: 0).")
    Long socketTimeoutSeconds;

    /** The settings of one run: each option as given here, else as given in {@code outer}, else its default. */
    record Settings(String clickhouse, String database, String cluster, ConnectionTimeouts timeouts) {
    }

    Settings over(ClickHouseOptions outer) {
        ConnectionTimeouts defaults = ConnectionTimeouts.DEFAULTS;
        return new Settings(clickhouse != null ? clickhouse : outer.clickhouse,
                database != null ? database : outer.database != null ? outer.database : "crawbl",
                cluster != null ? cluster : outer.cluster,
                new ConnectionTimeouts(seconds(connectTimeoutSeconds, outer.connectTimeoutSeconds, defaults.connect()),
                        seconds(loginTimeoutSeconds, outer.loginTimeoutSeconds, defaults.login()),
                        seconds(socketTimeoutSeconds, outer.socketTimeoutSeconds, defaults.socket())));
    }

    private static Duration seconds(Long own, Long outer, Duration fallback) {
        return own != null ? Duration.ofSeconds(own) : outer != null ? Duration.ofSeconds(outer) : fallback;
    }
}
