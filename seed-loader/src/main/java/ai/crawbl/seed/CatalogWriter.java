package ai.crawbl.seed;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertOnDuplicateStep;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Loads one catalog inside the loader's transaction: reads the table's current rows, compares them column by
 * column with the file's entries (references resolved to ids), and writes only the rows that are new or differ, with
 * COPY into a temporary table shaped like the catalog's and one guarded {@code INSERT … SELECT … ON CONFLICT … DO
 * UPDATE … WHERE (row) IS DISTINCT FROM (excluded row)}. It never sets {@code id} or a column whose default is an
 * expression; {@code updated_at} returns to its default ({@code now()}) on a real change.
 */
final class CatalogWriter {

    private final Catalog catalog;
    /** The columns read and written: the loader-filled id (if any), then each property's column. */
    private final List<Column> columns = new ArrayList<>();

    CatalogWriter(Catalog catalog) {
        this.catalog = catalog;
        if (catalog.id() != null) {
            columns.add(catalog.id());
        }
        catalog.properties().forEach(property -> columns.add(property.column()));
    }

    /** A row now in the table: its id (null when the loader does not fill one) and its values, one per property. */
    record Current(UUID id, Object[] values) {
    }

    /** What the file asks of the table, computed before anything is written. */
    record Plan(CatalogReport report, List<Object[]> writes, List<Current> doomed, Map<String, UUID> keys) {
    }

    /**
     * Compares the file's rows with the table's. {@code keys} holds, per catalog loaded before this one, its natural
     * keys and their ids after the load; an unknown reference becomes a problem placed at the value in its file.
     */
    Plan plan(DSLContext db, Connection connection, List<Seeds.Row> rows, Mode mode, EntryIds ids,
              Map<String, Map<String, UUID>> keys, List<SeedProblem> problems) throws SQLException {
        long started = System.nanoTime();
        Map<String, Current> current = current(db, connection);
        List<RowChange> changes = new ArrayList<>();
        List<Object[]> writes = new ArrayList<>();
        Map<String, UUID> after = HashMap.newHashMap(Math.max(rows.size(), current.size()));
        Map<String, Integer> layers = new LinkedHashMap<>();
        int inserted = 0;
        int updated = 0;
        int unchanged = 0;
        int kept = 0;
        for (Seeds.Row row : rows) {
            SeedFile.Entry entry = row.entry();
            layers.merge(row.file().layer(), 1, Integer::sum);
            Object[] desired = desired(row, keys, problems);
            if (desired == null) {
                continue;
            }
            Current now = current.get(entry.key());
            if (now == null) {
                UUID id = catalog.id() == null ? null : ids.of(catalog.name(), entry.key());
                changes.add(new RowChange.Inserted(entry.key(), id, values(desired), row.file().layer()));
                writes.add(bind(id, desired));
                after.put(entry.key(), id);
                inserted++;
                continue;
            }
            after.put(entry.key(), now.id());
            List<RowChange.FieldChange> differences = differences(now.values(), desired);
            if (differences.isEmpty()) {
                unchanged++;
            } else if (mode == Mode.INSERT_ONLY) {
                kept++;
            } else {
                changes.add(new RowChange.Updated(entry.key(), now.id(), differences, row.file().layer()));
                writes.add(bind(now.id(), desired));
                updated++;
            }
        }
        List<Current> doomed = new ArrayList<>();
        for (Map.Entry<String, Current> row : current.entrySet()) {
            if (after.containsKey(row.getKey())) {
                continue;
            }
            if (mode == Mode.SYNC) {
                changes.add(new RowChange.Deleted(row.getKey(), row.getValue().id()));
                doomed.add(row.getValue());
            } else {
                after.put(row.getKey(), row.getValue().id());
            }
        }
        String file = rows.isEmpty() ? catalog.file() : rows.getFirst().file().file();
        CatalogReport report = new CatalogReport(catalog.name(), file, mode, inserted, updated, unchanged, kept, doomed.size(),
                (System.nanoTime() - started) / 1_000_000, changes, layers);
        return new Plan(report, writes, doomed, after);
    }

    /** The rows now in the table, by natural key. */
    private Map<String, Current> current(DSLContext db, Connection connection) throws SQLException {
        String sql = db.render(db.select(fields()).from(catalog.table()));
        int[] keyAt = catalog.keyProperties().stream().mapToInt(p -> catalog.properties().indexOf(p)).toArray();
        int offset = catalog.id() == null ? 0 : 1;
        Map<String, Current> rows = HashMap.newHashMap(catalog.properties().isEmpty() ? 16 : 1024);
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                UUID id = catalog.id() == null ? null : result.getObject(1, UUID.class);
                Object[] values = new Object[catalog.properties().size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = catalog.properties().get(i).column().kind().get(result, offset + i + 1);
                }
                rows.put(key(values, keyAt), new Current(id, values));
            }
        }
        return rows;
    }

    private static String key(Object[] values, int[] keyAt) {
        if (keyAt.length == 1) {
            return ValueKind.text(values[keyAt[0]]);
        }
        StringJoiner key = new StringJoiner("/");
        for (int at : keyAt) {
            key.add(ValueKind.text(values[at]));
        }
        return key.toString();
    }

    /** The column values an entry asks for: defaults for left-out properties, references resolved; null on a problem. */
    private Object[] desired(Seeds.Row row, Map<String, Map<String, UUID>> keys, List<SeedProblem> problems) {
        Object[] values = row.entry().values().clone();
        boolean ok = true;
        for (int i = 0; i < values.length; i++) {
            Catalog.Property property = catalog.properties().get(i);
            if (values[i] == SeedFile.ABSENT) {
                values[i] = property.column().literal();
            }
            Catalog.Reference reference = property.reference();
            if (reference == null || values[i] == null) {
                continue;
            }
            Map<String, UUID> known = keys.getOrDefault(reference.catalog(), Map.of());
            String key = ValueKind.text(values[i]);
            if (!known.containsKey(key)) {
                problems.add(row.file().problem(row.file().pointer(row.entry().index(), property.name()), "unknown "
                        + reference.catalog() + " \"" + key + "\": no row of catalog " + reference.catalog()
                        + " (its seed file or the table orchestrator." + reference.catalog() + ") has that key"));
                ok = false;
            } else if (reference.storesId()) {
                values[i] = known.get(key);
            }
        }
        return ok ? values : null;
    }

    private List<RowChange.FieldChange> differences(Object[] stored, Object[] desired) {
        List<RowChange.FieldChange> changes = null;
        for (int i = 0; i < desired.length; i++) {
            Column column = catalog.properties().get(i).column();
            if (!column.kind().same(stored[i], desired[i])) {
                if (changes == null) {
                    changes = new ArrayList<>();
                }
                changes.add(new RowChange.FieldChange(column.name(), stored[i], desired[i]));
            }
        }
        return changes == null ? List.of() : changes;
    }

    private Map<String, Object> values(Object[] desired) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < desired.length; i++) {
            values.put(catalog.properties().get(i).column().name(), desired[i]);
        }
        return values;
    }

    private Object[] bind(UUID id, Object[] desired) {
        if (catalog.id() == null) {
            return desired;
        }
        Object[] row = new Object[desired.length + 1];
        row[0] = id;
        System.arraycopy(desired, 0, row, 1, desired.length);
        return row;
    }

    private List<Field<?>> fields() {
        return columns.stream().<Field<?>>map(column -> catalog.table().field(column.name())).toList();
    }

    /**
     * Writes the plan's rows: COPY into a temporary table shaped like the catalog's (dropped at commit), then one
     * guarded upsert on the catalog's conflict columns. Values travel as COPY data, never as SQL text.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void write(DSLContext db, Connection connection, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        List<Field<?>> fields = fields();
        Name incoming = DSL.name("crawbl_seed_" + catalog.name());
        db.createTemporaryTable(incoming).as(db.select(fields).from(catalog.table())).withNoData().onCommitDrop().execute();
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
        List<Field<?>> source = fields.stream().<Field<?>>map(field ->
                DSL.field(DSL.name(incoming, DSL.name(field.getName())), field.getDataType())).toList();
        Table table = catalog.table();
        InsertOnDuplicateStep<?> insert = db.insertInto(table).columns(fields).select(db.select(source).from(DSL.table(incoming)));
        Field<?>[] conflict = catalog.conflict().stream().map(column -> table.field(column.name())).toArray(Field[]::new);
        Set<Column> unset = new HashSet<>(catalog.key());
        unset.addAll(catalog.conflict());
        List<Field<?>> compared = new ArrayList<>();
        List<Field<?>> excluded = new ArrayList<>();
        Map<Field<?>, Object> set = new LinkedHashMap<>();
        for (Catalog.Property property : catalog.properties()) {
            if (!unset.contains(property.column())) {
                Field field = table.field(property.column().name());
                compared.add(field);
                excluded.add(DSL.excluded(field));
                set.put(field, DSL.excluded(field));
            }
        }
        if (catalog.mode() == Mode.INSERT_ONLY || set.isEmpty()) {
            insert.onConflict(conflict).doNothing().execute();
            return;
        }
        for (Column touched : catalog.touched()) {
            Field field = table.field(touched.name());
            set.put(field, DSL.defaultValue(field));
        }
        insert.onConflict(conflict).doUpdate().set(set)
                .where(DSL.row(compared).isDistinctFrom(DSL.row(excluded)))
                .execute();
    }

    /** Deletes the doomed rows, by id (or by natural key when the loader fills no id). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    void delete(DSLContext db, List<Current> doomed) {
        Table table = catalog.table();
        Condition which;
        if (catalog.id() != null) {
            Field<UUID> id = (Field<UUID>) table.field(catalog.id().name());
            which = id.eq(DSL.any(doomed.stream().map(Current::id).toArray(UUID[]::new)));
        } else {
            int[] keyAt = catalog.keyProperties().stream().mapToInt(p -> catalog.properties().indexOf(p)).toArray();
            Field<?>[] key = catalog.key().stream().map(column -> table.field(column.name())).toArray(Field[]::new);
            which = DSL.noCondition();
            for (Current row : doomed) {
                Condition same = DSL.noCondition();
                for (int k = 0; k < key.length; k++) {
                    same = same.and(((Field) key[k]).eq(DSL.val(row.values()[keyAt[k]], key[k].getDataType())));
                }
                which = which == DSL.noCondition() ? same : which.or(same);
            }
        }
        db.deleteFrom(table).where(which).execute();
    }

    /** The natural key of the doomed row with {@code id}, for a refusal message. */
    static String keyOf(Plan plan, UUID id) {
        return plan.report().changes().stream().filter(change -> change instanceof RowChange.Deleted && id.equals(change.id()))
                .map(RowChange::key).findFirst().orElse(null);
    }

    Catalog catalog() {
        return catalog;
    }
}
