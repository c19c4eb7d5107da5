package ai.crawbl.clickhouse.jooq;

import ai.crawbl.migrations.clickhouse.ClickHouse;
import ai.crawbl.migrations.clickhouse.QueryResult;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.impl.DSL;
import org.jooq.tools.jdbc.MockDataProvider;
import org.jooq.tools.jdbc.MockExecuteContext;
import org.jooq.tools.jdbc.MockResult;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the SQL jOOQ rendered on a {@link ClickHouse} and hands its result set back to jOOQ, typed by the ClickHouse
 * type of each column ({@link ColumnType}). It expects every value inlined by jOOQ's renderer: a statement that still
 * carries bind values is refused, since ClickHouse would see a {@code ?} it cannot bind.
 */
final class ChdbDataProvider implements MockDataProvider {

    private final Supplier<? extends ClickHouse> clickHouse;
    private final DSLContext results;
    private final InsertedRows insertedRows;

    ChdbDataProvider(Supplier<? extends ClickHouse> clickHouse, DSLContext results, InsertedRows insertedRows) {
        this.clickHouse = clickHouse;
        this.results = results;
        this.insertedRows = insertedRows;
    }

    @Override
    public MockResult[] execute(MockExecuteContext context) throws SQLException {
        if (context.batch() && context.batchBindings().length > 0 && context.batchBindings()[0].length > 0) {
            throw new SQLException("embedded ClickHouse cannot bind a batch of values to one statement: insert the rows"
                    + " as one multi-row INSERT (insertInto(...).values(...).values(...)), or execute the queries one by one");
        }
        if (context.bindings().length > 0) {
            throw new SQLException("embedded ClickHouse runs statements with inlined values only, and this one has "
                    + context.bindings().length + " bind value(s); use the DSLContext of ChdbJooq, whose settings inline them");
        }
        List<MockResult> results = new ArrayList<>();
        for (String sql : context.batchSQL()) {
            results.add(run(sql));
        }
        return results.toArray(MockResult[]::new);
    }

    private MockResult run(String sql) throws SQLException {
        QueryResult result;
        try {
            result = clickHouse.get().query(sql);
        } catch (RuntimeException e) {
            throw new SQLException(e.getMessage(), e);
        }
        if (result.columns().isEmpty()) {
            return new MockResult(insertedRows.take(sql), null);
        }
        return new MockResult(result.rows().size(), typed(result));
    }

    private Result<Record> typed(QueryResult result) {
        List<ColumnType> types = result.columns().stream().map(column -> ColumnType.of(column.type())).toList();
        Field<?>[] fields = new Field<?>[types.size()];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = DSL.field(DSL.name(result.columns().get(i).name()), types.get(i).dataType());
        }
        Result<Record> typed = results.newResult(fields);
        for (List<String> row : result.rows()) {
            Object[] values = new Object[fields.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = types.get(i).read(row.get(i));
            }
            Record record = results.newRecord(fields);
            record.fromArray(values);
            record.changed(false);
            typed.add(record);
        }
        return typed;
    }
}
