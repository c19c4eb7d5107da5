package ai.crawbl.migrations.testing;

import ai.crawbl.migrations.clickhouse.ClickHouse;
import ai.crawbl.migrations.clickhouse.QueryResult;

/**
 * A database of its own for one test class, on a ClickHouse shared by the whole test run. Tests name their
 * tables through {@link #table(String)}, since the session (and so {@code USE}) is shared too.
 *
 * @param clickHouse the shared ClickHouse
 * @param name the database, a plain identifier that needs no quoting
 */
public record ClickHouseDatabase(ClickHouse clickHouse, String name) {

    /** {@code <database>.<table>}, for use in SQL. */
    public String table(String table) {
        return name + "." + table;
    }

    /** Runs one statement on the shared ClickHouse. */
    public void execute(String sql) {
        clickHouse.execute(sql);
    }

    /** Runs one query on the shared ClickHouse. */
    public QueryResult query(String sql) {
        return clickHouse.query(sql);
    }
}
