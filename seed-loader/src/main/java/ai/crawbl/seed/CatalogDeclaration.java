package ai.crawbl.seed;

import org.jooq.ForeignKey;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.UniqueKey;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Declares the catalogs of a seed folder from table metadata: each file fills the table of its name (or the one its
 * manifest entry names), keyed by the table's one non-primary unique key (or the manifest's key). A single-column
 * foreign key to another catalog's id is written in the file as that catalog's natural key, under the column's name
 * without {@code _id}. Returns the catalogs in load order: every catalog after the catalogs it refers to.
 */
final class CatalogDeclaration {

    private final Manifest manifest;
    private final BiFunction<String, String, SeedProblem> atFile;
    private final List<SeedProblem> problems;
    /** Tables whose declaration failed: references to them are not reported again. */
    private final Set<String> failed = new HashSet<>();

    private CatalogDeclaration(Manifest manifest, BiFunction<String, String, SeedProblem> atFile, List<SeedProblem> problems) {
        this.manifest = manifest;
        this.atFile = atFile;
        this.problems = problems;
    }

    /** The outcome: the catalogs in load order, and the files whose table {@code tables} does not know. */
    record Declared(List<Catalog> catalogs, List<String> unknownTables) {
    }

    /**
     * @param files   the seed files' names, in folder order
     * @param tables  the jOOQ table of a name in schema {@code orchestrator}, or null when there is none
     * @param atFile  a problem naming a seed file (first argument) as a whole, with a message
     */
    static Declared declare(List<String> files, Manifest manifest, Function<String, Table<?>> tables,
                            BiFunction<String, String, SeedProblem> atFile, List<SeedProblem> problems) {
        return new CatalogDeclaration(manifest, atFile, problems).declare(files, tables);
    }

    private record Draft(String file, Manifest.Entry entry, Table<?> table, Map<String, Column> columns, List<Column> key,
                         Column id, List<Column> conflict) {
    }

    private Declared declare(List<String> files, Function<String, Table<?>> tables) {
        Map<String, Draft> drafts = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String file : files) {
            Manifest.Entry entry = manifest.entry(file);
            String name = entry != null && entry.table() != null ? entry.table() : file.substring(0, file.length() - ".json".length());
            Table<?> table = tables.apply(name);
            if (table == null) {
                unknown.add(file);
                failed.add(name);
                continue;
            }
            if (drafts.containsKey(name)) {
                problem(file, entry, "table", "orchestrator." + name + " is filled by " + drafts.get(name).file()
                        + " already; a table has one seed file per layer");
                continue;
            }
            Draft draft = draft(file, entry, table);
            if (draft != null) {
                drafts.put(name, draft);
            } else {
                failed.add(name);
            }
        }
        Map<String, Catalog> catalogs = new LinkedHashMap<>();
        for (Map.Entry<String, Draft> draft : drafts.entrySet()) {
            Catalog catalog = catalog(draft.getKey(), draft.getValue(), drafts);
            if (catalog != null) {
                catalogs.put(draft.getKey(), catalog);
            }
        }
        return new Declared(order(catalogs), unknown);
    }

    private Draft draft(String file, Manifest.Entry entry, Table<?> table) {
        String name = table.getName();
        Map<String, Column> columns = new LinkedHashMap<>();
        for (var field : table.fields()) {
            columns.put(field.getName(), Column.of(field, table.getChecks()));
        }
        Map<String, String> rename = entry == null ? Map.of() : entry.rename();
        for (Map.Entry<String, String> renamed : rename.entrySet()) {
            if (!columns.containsKey(renamed.getValue())) {
                problem(file, entry, "rename/" + CatalogSchema.escape(renamed.getKey()),
                        "orchestrator." + name + " has no column " + renamed.getValue());
                return null;
            }
        }
        UniqueKey<?> primary = table.getPrimaryKey();
        List<Column> primaryColumns = primary == null ? List.of() : columnsOf(primary.getFields(), columns);
        List<List<Column>> uniques = new ArrayList<>();
        for (UniqueKey<?> unique : table.getKeys()) {
            if (primary == null || !unique.getFields().equals(primary.getFields())) {
                uniques.add(columnsOf(unique.getFields(), columns));
            }
        }
        List<Column> key;
        if (entry != null && entry.key() != null) {
            key = new ArrayList<>();
            for (String named : entry.key()) {
                Column column = columns.get(rename.getOrDefault(named, named));
                if (column == null) {
                    problem(file, entry, "key", "the key names " + named + ", which is no column of orchestrator." + name);
                    return null;
                }
                key.add(column);
            }
        } else if (uniques.size() == 1) {
            key = uniques.getFirst();
        } else if (uniques.isEmpty() && !primaryColumns.isEmpty() && !generatedId(primaryColumns)) {
            key = primaryColumns;
        } else {
            problem(file, entry, null, "orchestrator." + name + " has " + uniques.size() + " unique keys besides its primary key, "
                    + "so its natural key is not clear: name it in " + Manifest.FILE_NAME + " (\"catalogs\": {\"" + file
                    + "\": {\"key\": [\"…\"]}})");
            return null;
        }
        Column id = generatedId(primaryColumns) && !key.contains(primaryColumns.getFirst()) ? primaryColumns.getFirst() : null;
        List<Column> conflict;
        if (new HashSet<>(key).equals(new HashSet<>(primaryColumns)) || uniques.stream().anyMatch(u -> new HashSet<>(u).equals(new HashSet<>(key)))) {
            conflict = key;
        } else if (id != null) {
            // No unique constraint on the key: the loader matches rows on it itself (under its lock) and upserts on the id.
            conflict = List.of(id);
        } else {
            problem(file, entry, "key", "the key of orchestrator." + name + " is no unique key of the table and the table has no "
                    + "uuid primary key the loader fills; give the table a unique constraint on it");
            return null;
        }
        return new Draft(file, entry, table, columns, key, id, conflict);
    }

    private static boolean generatedId(List<Column> primary) {
        return primary.size() == 1 && primary.getFirst().kind() == ValueKind.UUID_VALUE && !primary.getFirst().defaulted();
    }

    private static List<Column> columnsOf(List<? extends TableField<?, ?>> fields, Map<String, Column> columns) {
        return fields.stream().map(field -> columns.get(field.getName())).toList();
    }

    private Catalog catalog(String name, Draft draft, Map<String, Draft> drafts) {
        Manifest.Entry entry = draft.entry();
        Map<String, String> propertyOf = new HashMap<>();
        if (entry != null) {
            entry.rename().forEach((property, column) -> propertyOf.put(column, property));
        }
        Map<String, Catalog.Reference> references = new HashMap<>();
        for (ForeignKey<?, ?> foreign : draft.table().getReferences()) {
            String target = foreign.getKey().getTable().getName();
            Draft referenced = drafts.get(target);
            if (foreign.getFields().size() != 1 || referenced == null || referenced.id() == null
                    || !foreign.getKey().getFields().getFirst().getName().equals(referenced.id().name())) {
                continue;
            }
            if (referenced.key().size() != 1) {
                problem(draft.file(), entry, null, "orchestrator." + name + "." + foreign.getFields().getFirst().getName()
                        + " refers to " + target + ", whose natural key has " + referenced.key().size()
                        + " columns; a reference by natural key needs a single-column key");
                return null;
            }
            String column = foreign.getFields().getFirst().getName();
            references.put(column, new Catalog.Reference(target, referenced.key().getFirst().kind(), true));
            propertyOf.putIfAbsent(column, column.endsWith("_id") ? column.substring(0, column.length() - 3) : column);
        }
        if (entry != null) {
            for (Map.Entry<String, String> declared : entry.references().entrySet()) {
                String column = entry.rename().getOrDefault(declared.getKey(), declared.getKey());
                Draft referenced = drafts.get(declared.getValue());
                if (!draft.columns().containsKey(column)) {
                    problem(draft.file(), entry, "references", "orchestrator." + name + " has no column " + column);
                    return null;
                }
                if (referenced == null && failed.contains(declared.getValue())) {
                    return null;
                }
                if (referenced == null) {
                    problem(draft.file(), entry, "references", declared.getKey() + " refers to " + declared.getValue()
                            + ", which is no catalog of this seed folder (no seed file fills orchestrator." + declared.getValue() + ")");
                    return null;
                }
                if (referenced.key().size() != 1 || referenced.key().getFirst().kind() != draft.columns().get(column).kind()) {
                    problem(draft.file(), entry, "references", declared.getKey() + " cannot hold the natural key of "
                            + declared.getValue() + " (" + referenced.key().size() + " column(s) of another type)");
                    return null;
                }
                references.put(column, new Catalog.Reference(declared.getValue(), referenced.key().getFirst().kind(), false));
            }
        }
        Set<String> require = new HashSet<>(entry == null || entry.require() == null ? List.of() : entry.require());
        List<Catalog.Property> properties = new ArrayList<>();
        List<Column> touched = new ArrayList<>();
        for (Column column : draft.columns().values()) {
            String property = propertyOf.getOrDefault(column.name(), column.name());
            if (column == draft.id()) {
                continue;
            }
            if (column.expressionDefault() && !draft.key().contains(column)) {
                if (column.name().equals("updated_at")) {
                    touched.add(column);
                }
                continue;
            }
            boolean required = !column.nullable() && !column.defaulted() || require.remove(property);
            if (column.kind() == ValueKind.UNSUPPORTED && required) {
                problem(draft.file(), entry, null, "orchestrator." + name + "." + column.name() + " is of type "
                        + column.sqlType() + ", which the seed loader cannot write");
                return null;
            }
            if (column.kind() != ValueKind.UNSUPPORTED) {
                properties.add(new Catalog.Property(property, column, required, references.get(column.name())));
            }
        }
        if (!require.isEmpty()) {
            problem(draft.file(), entry, "require", "orchestrator." + name + " has no column for " + String.join(", ", require));
            return null;
        }
        return new Catalog(name, draft.file(), draft.table(), draft.id(), draft.key(), properties,
                entry == null || entry.mode() == null ? Mode.UPSERT : entry.mode(), touched, draft.conflict());
    }

    /** The catalogs, each after those it refers to; a cycle of references is a problem naming it. */
    private List<Catalog> order(Map<String, Catalog> catalogs) {
        List<Catalog> ordered = new ArrayList<>();
        Set<String> done = new HashSet<>();
        for (String name : catalogs.keySet()) {
            if (!visit(name, catalogs, done, new ArrayList<>(), ordered)) {
                return List.of();
            }
        }
        return ordered;
    }

    private boolean visit(String name, Map<String, Catalog> catalogs, Set<String> done, List<String> path, List<Catalog> ordered) {
        if (done.contains(name) || !catalogs.containsKey(name)) {
            return true;
        }
        if (path.contains(name)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            problems.add(atFile.apply(catalogs.get(name).file(), "the catalogs refer to each other in a cycle: "
                    + String.join(" -> ", cycle) + "; the loader fills a catalog before the catalogs that refer to it, so "
                    + "drop one of these references (a foreign key, or a manifest \"references\" entry)"));
            return false;
        }
        path.add(name);
        for (String referenced : catalogs.get(name).references()) {
            if (!visit(referenced, catalogs, done, path, ordered)) {
                return false;
            }
        }
        path.removeLast();
        done.add(name);
        ordered.add(catalogs.get(name));
        return true;
    }

    private void problem(String file, Manifest.Entry entry, String part, String message) {
        if (entry != null && manifest.located() != null) {
            problems.add(manifest.problem(entry, part, message));
        } else {
            problems.add(atFile.apply(file, message));
        }
    }
}
