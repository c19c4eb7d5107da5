package ai.crawbl.seed;

/**
 * How a catalog's file governs its table. {@code upsert} (the default) inserts missing rows and updates those that
 * differ; {@code insert-only} adds missing rows and never overwrites one, so an operator's edit stays; {@code sync}
 * is upsert plus deleting the rows that are in no file, refused while a foreign key still points at one of them.
 */
public enum Mode {
    UPSERT("upsert"), INSERT_ONLY("insert-only"), SYNC("sync");

    private final String word;

    Mode(String word) {
        this.word = word;
    }

    /** The manifest's and the report's spelling. */
    public String word() {
        return word;
    }

    /** The mode spelled {@code word}, or null when there is none. */
    static Mode of(String word) {
        for (Mode mode : values()) {
            if (mode.word.equals(word)) {
                return mode;
            }
        }
        return null;
    }
}
