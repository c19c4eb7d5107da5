package ai.crawbl.migrations.drift;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One object of a described database: a table, a column, an index, a view, a function…, with the properties that are
 * compared (each a normalised text, e.g. an index's {@code definition} from {@code pg_get_indexdef}).
 *
 * @param group      the object the difference is reported under: a table for its columns, constraints, indexes and
 *                   triggers ({@code orchestrator.users}), else the object itself
 * @param kind       {@code table}, {@code column}, {@code index}, … (also the name of the class a caller may ignore)
 * @param name       the name within its group: unqualified for a table's parts, qualified otherwise
 * @param properties what is compared, by name, sorted; a property that does not apply is absent
 */
public record SchemaObject(String group, String kind, String name, Map<String, String> properties) {

    public SchemaObject {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        properties = Collections.unmodifiableSortedMap(new TreeMap<>(properties));
    }

    /** What identifies the object in its database: the same key on both sides means "the same object". */
    public String key() {
        return group + "\u0000" + kind + "\u0000" + name;
    }

    /** The object as a person names it, e.g. {@code index users_email_key}. */
    public String label() {
        return kind + " " + name;
    }
}
