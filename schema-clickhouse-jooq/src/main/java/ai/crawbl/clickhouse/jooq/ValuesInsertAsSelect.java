package ai.crawbl.clickhouse.jooq;

import ai.crawbl.migrations.clickhouse.ClickHouse;
import ai.crawbl.migrations.clickhouse.QueryResult;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Select;
import org.jooq.impl.DSL;
import org.jooq.impl.QOM;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Rewrites {@code INSERT … VALUES} into {@code INSERT … SELECT * FROM format(Values, structure, data)} before it reaches
 * chDB. chDB takes the host process's standard input as data for an INSERT that carries an input format, so a VALUES
 * insert fails, or takes stray rows, whenever stdin holds something; reading the same rows through the {@code format}
 * table function keeps VALUES' parsing (text straight into each column's type, so {@code 0.1} stays an exact decimal)
 * and never touches stdin. The structure is the table's own, read with {@code DESCRIBE TABLE}; the rows and the
 * structure are rendered, and quoted as string literals, by jOOQ's renderer.
 */
final class ValuesInsertAsSelect implements ExecuteListener {

    private static final long serialVersionUID = 1L;
    private static final long DEFAULT_MAX_QUERY_SIZE = 262_144;

    private final transient Supplier<? extends ClickHouse> clickHouse;
    private final transient InsertedRows insertedRows;

    ValuesInsertAsSelect(Supplier<? extends ClickHouse> clickHouse, InsertedRows insertedRows) {
        this.clickHouse = clickHouse;
        this.insertedRows = insertedRows;
    }

    @Override
    public void renderEnd(ExecuteContext context) {
        Query query = context.query();
        if (!(query instanceof QOM.Insert<?> insert) || insert.$values().isEmpty()) {
            return;
        }
        if (insert.$onDuplicateKeyUpdate() || insert.$onDuplicateKeyIgnore()) {
            throw new UnsupportedOperationException("ClickHouse has no ON DUPLICATE KEY or ON CONFLICT");
        }
        DSLContext dsl = context.dsl();
        List<Field<?>> columns = insert.$columns().isEmpty() ? List.of(insert.$into().fields()) : new ArrayList<>(insert.$columns());
        Map<String, String> types = columnTypes(dsl.renderInlined(DSL.query("DESCRIBE TABLE {0}", insert.$into())));
        String structure = columns.stream()
                .map(column -> dsl.render(DSL.name(column.getName())) + " " + typeOf(types, column, insert))
                .collect(Collectors.joining(", "));
        // One rendering pass over all rows: rendering them one by one costs a render context per row.
        String data = dsl.renderInlined(DSL.list(insert.$values()));
        @SuppressWarnings({"unchecked", "rawtypes"})
        Select<?> rows = (Select) DSL.select(DSL.asterisk())
                .from(DSL.table("format(Values, {0}, {1})", DSL.inline(structure), DSL.inline(data)));
        @SuppressWarnings({"unchecked", "rawtypes"})
        String sql = dsl.renderInlined(dsl.insertInto(insert.$into()).columns(columns).select((Select) rows));
        sql = withRoomFor(sql);
        insertedRows.expect(sql, insert.$values().size());
        context.sql(sql);
    }

    /**
     * The statement, with a {@code max_query_size} of its own when it is longer than ClickHouse's default (256 KiB): the
     * rows are part of the query text here, not data after it, and a many-row INSERT would not parse. The session's
     * setting, shared by everything on the process's chDB, is left alone.
     */
    private static String withRoomFor(String sql) {
        int bytes = sql.getBytes(StandardCharsets.UTF_8).length;
        return bytes <= DEFAULT_MAX_QUERY_SIZE ? sql : sql + " SETTINGS max_query_size = " + (2L * bytes);
    }

    private Map<String, String> columnTypes(String describe) {
        QueryResult described = clickHouse.get().query(describe);
        Map<String, String> types = new LinkedHashMap<>();
        for (int row = 0; row < described.rows().size(); row++) {
            types.put(described.value(row, "name"), described.value(row, "type"));
        }
        return types;
    }

    private static String typeOf(Map<String, String> types, Field<?> column, QOM.Insert<?> insert) {
        String type = types.get(column.getName());
        if (type == null) {
            throw new IllegalArgumentException("table " + insert.$into() + " has no column " + column.getName()
                    + " (columns: " + String.join(", ", types.keySet()) + ")");
        }
        return type;
    }
}
