package ai.crawbl.migrations.clickhouse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The result set of one statement: its columns, in order, and its rows, each value as ClickHouse's text
 * for it ({@code 18446744073709551615}, {@code 1.25}, {@code nan}, {@code ['a',NULL]}) or {@code null} for SQL
 * NULL. Immutable.
 */
public record QueryResult(List<Column> columns, List<List<String>> rows) {

    /** One column of a result set: its name and its ClickHouse type, e.g. {@code Nullable(String)}. */
    public record Column(String name, String type) {
        public Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(type, "type");
        }
    }

    private static final QueryResult EMPTY = new QueryResult(List.of(), List.of());

    /** Copies both lists; every row must have one value per column. */
    public QueryResult {
        columns = List.copyOf(columns);
        List<List<String>> copied = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException(
                        "row " + copied.size() + " has " + row.size() + " values for " + columns.size() + " columns");
            }
            copied.add(Collections.unmodifiableList(new ArrayList<>(row))); // values may be null
        }
        rows = Collections.unmodifiableList(copied);
    }

    /** The result of a statement that returns no result set (DDL, INSERT, ...). */
    public static QueryResult empty() {
        return EMPTY;
    }

    /** The column names, in order. */
    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** The value in the given row (from 0) of the named column; {@code null} for SQL NULL. */
    public String value(int row, String column) {
        int index = columnNames().indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + columnNames());
        }
        return rows.get(row).get(index);
    }

    /** The only value of a one-row, one-column result, e.g. of {@code SELECT count() FROM t}. */
    public String singleValue() {
        if (rows.size() != 1 || columns.size() != 1) {
            throw new IllegalStateException(
                    "expected one row with one column, got " + rows.size() + " row(s) of " + columnNames());
        }
        return rows.get(0).get(0);
    }
}
