package ai.crawbl.seed;

import java.util.List;

/**
 * What loading one catalog did (or, in a dry run, would do): counts by outcome, the time taken, and every row
 * inserted, updated or deleted. {@code inserted + updated + unchanged} is the number of entries in the file.
 */
public record CatalogReport(Catalog catalog, String file, int inserted, int updated, int unchanged, int deleted,
                            long millis, List<RowChange> changes) {

    public CatalogReport {
        changes = List.copyOf(changes);
    }

    /** True when the database already held the file's rows exactly. */
    public boolean wroteNothing() {
        return inserted == 0 && updated == 0 && deleted == 0;
    }
}
