package ai.crawbl.migrations.drift;

import java.util.Comparator;
import java.util.List;

/**
 * A database's objects as a catalog reader describes them, sorted by group, kind and name so that two descriptions
 * read in the same order.
 *
 * @param database where it was read, safe to print
 */
public record DatabaseSchema(String database, List<SchemaObject> objects) {

    static final Comparator<SchemaObject> ORDER = Comparator.comparing(SchemaObject::group)
            .thenComparing(SchemaObject::kind).thenComparing(SchemaObject::name);

    public DatabaseSchema {
        objects = objects.stream().sorted(ORDER).toList();
    }
}
