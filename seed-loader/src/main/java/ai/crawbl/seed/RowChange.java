package ai.crawbl.seed;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What loading did, or in a dry run would do, to one catalog row, named by its natural key. */
public sealed interface RowChange {

    String key();

    UUID id();

    /** A new row with these column values (defaults resolved). */
    record Inserted(String key, UUID id, Map<String, Object> values) implements RowChange {
        public Inserted {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }
    }

    /** An existing row, its id kept, with these columns changed. */
    record Updated(String key, UUID id, List<FieldChange> changes) implements RowChange {
        public Updated {
            changes = List.copyOf(changes);
        }
    }

    /** A row that is no longer in the file, deleted by {@code --prune}. */
    record Deleted(String key, UUID id) implements RowChange {
    }

    /** One column's value before and after. */
    record FieldChange(String column, Object before, Object after) {
    }
}
