package ai.crawbl.migrations.cli;

import picocli.CommandLine.Option;

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

    /** The settings of one run: each option as given here, else as given in {@code outer}, else its default. */
    record Settings(String clickhouse, String database, String cluster) {
    }

    Settings over(ClickHouseOptions outer) {
        return new Settings(clickhouse != null ? clickhouse : outer.clickhouse,
                database != null ? database : outer.database != null ? outer.database : "crawbl",
                cluster != null ? cluster : outer.cluster);
    }
}
