package ai.crawbl.seed;

import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Name;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static ai.crawbl.schema.orchestrator.Tables.MODELS;
import static ai.crawbl.schema.orchestrator.Tables.TOOLS;
import static ai.crawbl.schema.orchestrator.Tables.USAGE_PLANS;

/**
 * How one catalog's entries map onto its generated jOOQ table: the id, the natural key, and the columns the file
 * sets. A value the file leaves out is the column's default as the generated class declares it (the migration's
 * {@code DEFAULT}), so a row and its file always agree on every column the loader owns.
 */
final class CatalogTable<E extends CatalogEntry, R extends Record> {

    /** One column the file sets, and how to read its value from an entry. */
    record Column<E, R extends Record, T>(TableField<R, T> field, Function<E, T> value, T fallback) {

        static <E, R extends Record, T> Column<E, R, T> of(TableField<R, T> field, Function<E, T> value) {
            return new Column<>(field, value, columnDefault(field));
        }

        /** The entry's value, or the column default when the entry has none and the column declares one. */
        T desired(E entry) {
            T given = value.apply(entry);
            return given != null ? given : fallback;
        }

        String name() {
            return field.getName();
        }
    }

    final Catalog catalog;
    final Table<R> table;
    final TableField<R, UUID> id;
    final TableField<R, String> key;
    final List<Column<E, R, ?>> columns;
    /** Set on every update that changes something (e.g. {@code updated_at = now()}); never compared. */
    final Map<Field<?>, Field<?>> touched;

    private CatalogTable(Catalog catalog, Table<R> table, TableField<R, UUID> id, TableField<R, String> key,
                         List<Column<E, R, ?>> columns, Map<Field<?>, Field<?>> touched) {
        this.catalog = catalog;
        this.table = table;
        this.id = id;
        this.key = key;
        this.columns = List.copyOf(columns);
        this.touched = Map.copyOf(touched);
    }

    static CatalogTable<Tool, ?> tools() {
        return new CatalogTable<>(Catalog.TOOLS, TOOLS, TOOLS.ID, TOOLS.NAME, List.of(
                Column.of(TOOLS.DISPLAY_NAME, Tool::displayName),
                Column.of(TOOLS.DESCRIPTION, Tool::description),
                Column.of(TOOLS.CATEGORY, Tool::category),
                Column.of(TOOLS.ICON_URL, Tool::iconUrl),
                Column.of(TOOLS.IMPLEMENTED, Tool::implemented),
                Column.of(TOOLS.SORT_ORDER, Tool::sortOrder)), Map.of());
    }

    static CatalogTable<Model, ?> models() {
        return new CatalogTable<>(Catalog.MODELS, MODELS, MODELS.ID, MODELS.SLUG, List.of(
                Column.of(MODELS.NAME, Model::name),
                Column.of(MODELS.DESCRIPTION, Model::description),
                Column.of(MODELS.SORT_ORDER, Model::sortOrder)), Map.of());
    }

    static CatalogTable<UsagePlan, ?> usagePlans() {
        return new CatalogTable<>(Catalog.USAGE_PLANS, USAGE_PLANS, USAGE_PLANS.ID, USAGE_PLANS.SLUG, List.of(
                Column.of(USAGE_PLANS.NAME, UsagePlan::name),
                Column.of(USAGE_PLANS.MONTHLY_TOKEN_LIMIT, UsagePlan::monthlyTokenLimit),
                Column.of(USAGE_PLANS.DAILY_REQUEST_LIMIT, UsagePlan::dailyRequestLimit),
                Column.of(USAGE_PLANS.MAX_TOKENS_PER_REQUEST, UsagePlan::maxTokensPerRequest)),
                Map.of(USAGE_PLANS.UPDATED_AT, DSL.currentInstant()));
    }

    /** The rows now in the table: id, natural key and the loader's columns, by natural key. */
    Map<String, Record> current(DSLContext db) {
        List<Field<?>> fields = new ArrayList<>(List.of(id, key));
        columns.forEach(column -> fields.add(column.field()));
        Map<String, Record> rows = new java.util.HashMap<>();
        for (Record row : db.select(fields).from(table).fetch()) {
            rows.put(row.get(key), row);
        }
        return rows;
    }

    /** How {@code entry} differs from {@code row}: the changed columns, empty when they agree. */
    List<RowChange.FieldChange> differences(E entry, Record row) {
        List<RowChange.FieldChange> changes = new ArrayList<>();
        for (Column<E, R, ?> column : columns) {
            Object before = row.get(column.field());
            Object after = column.desired(entry);
            if (!Objects.equals(before, after)) {
                changes.add(new RowChange.FieldChange(column.name(), before, after));
            }
        }
        return changes;
    }

    /** The values a new row gets, by column name. */
    Map<String, Object> values(E entry) {
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put(key.getName(), entry.naturalKey());
        for (Column<E, R, ?> column : columns) {
            values.put(column.name(), column.desired(entry));
        }
        return values;
    }

    /**
     * Writes {@code rows} (each as {@link #bindValues}) with one guarded upsert: they are streamed with COPY into a
     * temporary table shaped like the catalog's (dropped at commit), then {@code INSERT … SELECT … ON CONFLICT
     * (natural key) DO UPDATE SET <non-key columns> = excluded.… WHERE (row) IS DISTINCT FROM (excluded row)}
     * inserts new keys and updates only rows that differ, never touching {@code id} or {@code created_at}. The
     * values travel as COPY data, never as SQL text.
     *
     * @return the number of rows the upsert inserted or updated
     */
    int write(DSLContext db, Connection connection, List<Object[]> rows) throws SQLException {
        List<Field<?>> fields = new ArrayList<>(List.of(id, key));
        columns.forEach(column -> fields.add(column.field()));
        Name incoming = DSL.name("crawbl_seed_" + catalog.key());
        db.createTemporaryTable(incoming).as(db.select(fields).from(table)).withNoData().onCommitDrop().execute();
        String copy = "COPY " + db.render(incoming) + " (" + fields.stream().map(f -> db.render(DSL.name(f.getName())))
                .collect(Collectors.joining(", ")) + ") FROM STDIN";
        CopyIn in = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copy);
        try {
            CopyText.write(rows, in);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
        List<Field<?>> source = new ArrayList<>();
        List<Field<?>> compared = new ArrayList<>();
        List<Field<?>> excluded = new ArrayList<>();
        Map<Field<?>, Field<?>> set = new java.util.LinkedHashMap<>();
        for (Field<?> field : fields) {
            source.add(DSL.field(DSL.name(incoming, DSL.name(field.getName())), field.getDataType()));
        }
        for (Column<E, R, ?> column : columns) {
            compared.add(column.field());
            excluded.add(DSL.excluded(column.field()));
            set.put(column.field(), DSL.excluded(column.field()));
        }
        set.putAll(touched);
        return db.insertInto(table).columns(fields)
                .select(db.select(source).from(DSL.table(incoming)))
                .onConflict(key).doUpdate().set(set)
                .where(DSL.row(compared).isDistinctFrom(DSL.row(excluded)))
                .execute();
    }

    /** The values of one row for {@link #write}: the id a new row gets, the natural key, then each column. */
    Object[] bindValues(UUID newId, E entry) {
        Object[] values = new Object[2 + columns.size()];
        values[0] = newId;
        values[1] = entry.naturalKey();
        for (int i = 0; i < columns.size(); i++) {
            values[2 + i] = columns.get(i).desired(entry);
        }
        return values;
    }

    /** The column default the generated class declares, as a Java value; null when there is none. */
    private static <T> T columnDefault(TableField<?, T> field) {
        DataType<T> type = field.getDataType();
        if (!type.defaulted()) {
            return null;
        }
        String literal = DSL.using(SQLDialect.POSTGRES).renderInlined(type.default_());
        try {
            return type.convert(literal);
        } catch (RuntimeException e) {
            throw new IllegalStateException("the default of " + field + " is " + literal
                    + ", not a literal the loader can compare; give the seed files a value for it", e);
        }
    }
}
