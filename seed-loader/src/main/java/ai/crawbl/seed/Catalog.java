package ai.crawbl.seed;

import org.jooq.Table;

import java.util.List;

/**
 * One reference catalog: a table, the seed file that fills it, and how the file's properties map onto the table's
 * columns. Declared from the table's jOOQ metadata (columns, types, defaults, keys, foreign keys) plus the seed
 * folder's manifest; no catalog is written in Java.
 *
 * @param name       the table's name in schema {@code orchestrator}; names the catalog in reports
 * @param file       the seed file's name, e.g. {@code tools.json}
 * @param table      the jOOQ table (generated, or read from the database)
 * @param id         the primary key column the loader fills with a name-based UUID, or null when the file gives the key
 * @param key        the natural key columns, in order
 * @param properties what an entry may hold, one per column the loader writes (key columns included)
 * @param mode       how the file governs the table
 * @param touched    columns set to their default on every real change (e.g. {@code updated_at})
 * @param conflict   the columns of the unique constraint the upsert's ON CONFLICT names
 */
public record Catalog(String name, String file, Table<?> table, Column id, List<Column> key, List<Property> properties,
                      Mode mode, List<Column> touched, List<Column> conflict) {

    public Catalog {
        key = List.copyOf(key);
        properties = List.copyOf(properties);
        touched = List.copyOf(touched);
        conflict = List.copyOf(conflict);
    }

    /**
     * An entry property: its name in the file, the column it fills, whether every entry must give it, and the
     * catalog whose natural key its value is, if any.
     */
    record Property(String name, Column column, boolean required, Reference reference) {

        /** How a value of this property is read from the file: a reference by the referenced key's kind. */
        ValueKind kind() {
            return reference == null ? column.kind() : reference.keyKind();
        }
    }

    /**
     * A property whose value is another catalog's natural key. With {@code storesId}, the column is a foreign key to
     * that catalog's id and receives the id of the row with that key; otherwise the column holds the key itself.
     */
    record Reference(String catalog, ValueKind keyKind, boolean storesId) {
    }

    /** The properties that are the natural key, in key order. */
    List<Property> keyProperties() {
        return key.stream().map(column -> properties.stream().filter(p -> p.column() == column).findFirst().orElseThrow()).toList();
    }

    /** The catalogs this one refers to. */
    List<String> references() {
        return properties.stream().filter(p -> p.reference() != null).map(p -> p.reference().catalog()).distinct().toList();
    }
}
