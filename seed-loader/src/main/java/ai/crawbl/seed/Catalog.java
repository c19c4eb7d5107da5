package ai.crawbl.seed;

/**
 * The reference catalogs the loader fills: each is one seed file, one table and one natural key. A catalog also
 * names the migration that created its table in the shape the loader writes, so a database that is behind is
 * refused before anything is sent.
 */
public enum Catalog {
    TOOLS("tools", "name", Tool.class, 1),
    MODELS("models", "slug", Model.class, 3),
    USAGE_PLANS("usage_plans", "slug", UsagePlan.class, 6);

    private final String key;
    private final String naturalKey;
    private final Class<? extends CatalogEntry> entryType;
    private final int sinceMigration;

    Catalog(String key, String naturalKey, Class<? extends CatalogEntry> entryType, int sinceMigration) {
        this.key = key;
        this.naturalKey = naturalKey;
        this.entryType = entryType;
        this.sinceMigration = sinceMigration;
    }

    /** The table in schema {@code orchestrator}, and the property that wraps the entries in the seed file. */
    public String key() {
        return key;
    }

    /** The seed file's name, e.g. {@code tools.json}. */
    public String fileName() {
        return key + ".json";
    }

    /** The JSON Schema's file name beside the seed file, e.g. {@code tools.schema.json}. */
    public String schemaFileName() {
        return key + ".schema.json";
    }

    /** The entry property (and column) that identifies an entry across environments. */
    public String naturalKey() {
        return naturalKey;
    }

    /** The typed record each entry is read into. */
    public Class<? extends CatalogEntry> entryType() {
        return entryType;
    }

    /** The migration version that created this catalog's table with every column the loader writes. */
    public int sinceMigration() {
        return sinceMigration;
    }
}
