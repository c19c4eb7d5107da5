package ai.crawbl.clickhouse.codegen;

import ai.crawbl.migrations.clickhouse.ClickHouse;
import ai.crawbl.migrations.clickhouse.ClickHouseServer;
import ai.crawbl.migrations.clickhouse.EmbeddedClickHouse;
import ai.crawbl.migrations.clickhouse.ExternalClickHouse;

/**
 * A ClickHouse database that lives for one generation run: created on chDB's in-memory storage inside this JVM (a
 * temporary folder chDB deletes when its connection closes, never the build folder), or on a server named by a URL.
 * {@link #close()} drops the database and closes the connection. A database of that name that already exists is
 * refused, never reused or dropped: it is not this run's.
 */
final class ThrowawayClickHouse implements AutoCloseable {

    private final ClickHouse clickHouse;
    private final String database;

    private ThrowawayClickHouse(ClickHouse clickHouse, String database) {
        this.clickHouse = clickHouse;
        this.database = database;
    }

    /**
     * Opens ClickHouse and creates {@code database} on it.
     *
     * @param url a server's JDBC URL, or null for chDB in this JVM
     */
    static ThrowawayClickHouse open(String database, String url, String user, String password) {
        if (!database.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("<inputSchema> must be a plain ClickHouse database name, not " + database);
        }
        ClickHouse clickHouse = url == null || url.isBlank() ? EmbeddedClickHouse.openInMemory()
                : ExternalClickHouse.connect(new ClickHouseServer(url, user, password));
        try {
            if (!"0".equals(clickHouse.query("SELECT count() FROM system.databases WHERE name = '" + database + "'").singleValue())) {
                throw new IllegalStateException(clickHouse.describe() + " already has a database " + database + "; code"
                        + " generation creates it and drops it after, so it must not exist: drop it, or generate elsewhere");
            }
            clickHouse.execute("CREATE DATABASE " + database);
        } catch (RuntimeException e) {
            clickHouse.close();
            throw e;
        }
        return new ThrowawayClickHouse(clickHouse, database);
    }

    ClickHouse clickHouse() {
        return clickHouse;
    }

    @Override
    public void close() {
        try {
            clickHouse.execute("DROP DATABASE IF EXISTS " + database);
        } finally {
            clickHouse.close();
        }
    }

    @Override
    public String toString() {
        return "database " + database + " on " + clickHouse.describe();
    }
}
