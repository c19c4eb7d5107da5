package ai.crawbl.clickhouse.jooq;

import java.util.HashMap;
import java.util.Map;

/**
 * How many rows each rewritten INSERT carries, handed from the listener that rewrote it to the provider that runs it,
 * on the same thread: ClickHouse reports no count for an INSERT, and jOOQ's {@code execute()} returns one.
 */
final class InsertedRows {

    private final ThreadLocal<Map<String, Integer>> pending = ThreadLocal.withInitial(HashMap::new);

    void expect(String sql, int rows) {
        pending.get().put(sql, rows);
    }

    /** The rows {@code sql} inserts, or 0 for a statement that was not a rewritten INSERT. */
    int take(String sql) {
        Integer rows = pending.get().remove(sql);
        return rows == null ? 0 : rows;
    }
}
