package ai.crawbl.seed;

import java.util.List;

/**
 * One catalog's seed file, read and checked: its entries in file order, each natural key once.
 *
 * @param catalog the catalog it fills
 * @param file    where it was read from, as shown in messages
 * @param entries the entries, of the catalog's {@link Catalog#entryType() entry type}
 */
public record SeedFile<E extends CatalogEntry>(Catalog catalog, String file, List<E> entries) {

    public SeedFile {
        entries = List.copyOf(entries);
    }
}
