package ai.crawbl.seed;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What loading did, or in a dry run would do, to one catalog row, named by its natural key ({@code a/b} for a
 * composite one). {@code id} is null for a catalog whose file gives its primary key.
 */
public sealed interface RowChange {

    String key();

    UUID id();

    /** A new row with these column values (defaults resolved), from the file of {@code layer}. */
    record Inserted(String key, UUID id, Map<String, Object> values, String layer) implements RowChange {
        public Inserted {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        }
    }

    /** An existing row, its id kept, with these columns changed, from the file of {@code layer}. */
    record Updated(String key, UUID id, List<FieldChange> changes, String layer) implements RowChange {
        public Updated {
            changes = List.copyOf(changes);
        }
    }

    /** A row that is in no file, deleted in mode sync (or with prune). */
    record Deleted(String key, UUID id) implements RowChange {
    }

    /** One column's value before and after. */
    record FieldChange(String column, Object before, Object after) {
    }
}
