package ai.crawbl.seed;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;

import java.util.List;

/**
 * One seed file, read and checked against its catalog: its entries in file order, each natural key once.
 *
 * @param catalog the catalog it fills
 * @param file    where it was read from, as shown in messages
 * @param layer   {@code base}, or the environment whose overlay folder held it
 * @param prefix  the pointer of the entries' array: {@code ""} for a bare array, {@code /tools} when wrapped
 * @param entries the entries
 * @param json    the file's bytes, kept to place problems found later (an unknown reference)
 */
public record SeedFile(Catalog catalog, String file, String layer, String prefix, List<Entry> entries, byte[] json) {

    public SeedFile {
        entries = List.copyOf(entries);
    }

    /**
     * One entry: its position in the file, its natural key as text ({@code a/b} for a composite key), and its values,
     * one per {@link Catalog#properties() property}, a left-out property as {@link #ABSENT}.
     */
    public record Entry(int index, String key, Object[] values) {
    }

    /** The value of a property the entry leaves out. */
    static final Object ABSENT = new Object() {
        @Override
        public String toString() {
            return "(absent)";
        }
    };

    /** The value {@code entry} gives {@code property} ({@link #ABSENT} when it leaves it out). */
    public Object value(Entry entry, String property) {
        for (int i = 0; i < catalog.properties().size(); i++) {
            if (catalog.properties().get(i).name().equals(property)) {
                return entry.values()[i];
            }
        }
        throw new IllegalArgumentException(catalog.name() + " has no property " + property);
    }

    /** The value of {@code property} in each entry, in file order. */
    public java.util.List<Object> values(String property) {
        return entries.stream().map(entry -> value(entry, property)).toList();
    }

    /** The pointer of entry {@code index}'s property {@code property} (or of the entry, when null). */
    String pointer(int index, String property) {
        return prefix + "/" + index + (property == null ? "" : "/" + CatalogSchema.escape(property));
    }

    /** A problem at {@code pointer}, with the line and column the file has there. */
    SeedProblem problem(String pointer, String message) {
        JsonLocation at = JsonPositions.of(new JsonFactory(), json).find(pointer);
        return new SeedProblem(file, pointer, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), message);
    }
}
