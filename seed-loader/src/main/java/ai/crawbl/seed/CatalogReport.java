package ai.crawbl.seed;

import java.util.List;
import java.util.Map;

/**
 * What loading one catalog did (or, in a dry run, would do): counts by outcome, the time taken, and every row
 * inserted, updated or deleted. {@code inserted + updated + unchanged + kept} is the number of entries in its files.
 *
 * @param catalog the catalog's table
 * @param file    its base seed file as named in messages
 * @param mode    how the file governed the table
 * @param kept    rows that differ from the file but were left as they are (mode insert-only)
 * @param layers  how many of the file's entries came from each layer ({@code base}, then the environment's)
 */
public record CatalogReport(String catalog, String file, Mode mode, int inserted, int updated, int unchanged, int kept,
                            int deleted, long millis, List<RowChange> changes, Map<String, Integer> layers) {

    public CatalogReport {
        changes = List.copyOf(changes);
        layers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(layers));
    }

    /** True when the database already held the file's rows exactly. */
    public boolean wroteNothing() {
        return inserted == 0 && updated == 0 && deleted == 0;
    }
}
