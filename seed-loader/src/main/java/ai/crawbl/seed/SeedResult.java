package ai.crawbl.seed;

import java.util.List;

/**
 * What one load did, per catalog, in load order. {@code database} names the database without its password.
 * After a dry run, nothing was written and the reports say what would have been.
 */
public record SeedResult(String database, boolean dryRun, boolean pruned, List<CatalogReport> catalogs, long millis) {

    public SeedResult {
        catalogs = List.copyOf(catalogs);
    }

    /** The report of the catalog of table {@code name}. */
    public CatalogReport catalog(String name) {
        return catalogs.stream().filter(report -> report.catalog().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no catalog " + name + " was loaded"));
    }
}
