package ai.crawbl.schema.types;

import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A pgvector {@code sparsevec}: a number of dimensions and the non-zero components by index. Indices are 0-based here,
 * like {@link Vector#get}; pgvector's text form, {@code {1:0.5,3:2}/5}, counts from 1, and {@link #toString()} and
 * {@link #parse} translate. Zeros are not stored, so two values with the same non-zero entries are equal.
 */
public final class SparseVector implements FloatVector {

    private final int dimensions;
    private final int[] indices;
    private final float[] values;

    private SparseVector(int dimensions, int[] indices, float[] values) {
        this.dimensions = dimensions;
        this.indices = indices;
        this.values = values;
    }

    /** A sparse vector of {@code dimensions} dimensions whose entries are {@code nonZero} (0-based index to value). */
    public static SparseVector of(int dimensions, Map<Integer, Float> nonZero) {
        if (dimensions < 1) {
            throw new IllegalArgumentException("a sparsevec has at least one dimension, not " + dimensions);
        }
        SortedMap<Integer, Float> entries = new TreeMap<>();
        nonZero.forEach((index, value) -> {
            if (index < 0 || index >= dimensions) {
                throw new IllegalArgumentException("index " + index + " is outside 0.." + (dimensions - 1));
            }
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("sparsevec values must be finite, not " + value);
            }
            if (value != 0f) {
                entries.put(index, value);
            }
        });
        int[] indices = entries.keySet().stream().mapToInt(Integer::intValue).toArray();
        float[] values = new float[indices.length];
        int i = 0;
        for (float value : entries.values()) {
            values[i++] = value;
        }
        return new SparseVector(dimensions, indices, values);
    }

    /** The non-zero components of a dense vector. */
    public static SparseVector of(Vector dense) {
        Map<Integer, Float> nonZero = new TreeMap<>();
        for (int i = 0; i < dense.dimensions(); i++) {
            nonZero.put(i, dense.get(i));
        }
        return of(dense.dimensions(), nonZero);
    }

    /** Reads pgvector's text form, {@code {i:v,...}/dimensions} with indices from 1. */
    public static SparseVector parse(String text) {
        String trimmed = text.strip();
        int slash = trimmed.lastIndexOf('/');
        if (!trimmed.startsWith("{") || slash < 0 || trimmed.charAt(slash - 1) != '}') {
            throw new IllegalArgumentException("not a sparsevec (expected {i:v,...}/dimensions): " + TextForm.abbreviate(trimmed));
        }
        int dimensions = parseInt(trimmed.substring(slash + 1), trimmed);
        String body = trimmed.substring(1, slash - 1).strip();
        Map<Integer, Float> nonZero = new TreeMap<>();
        if (!body.isEmpty()) {
            for (String entry : body.split(",", -1)) {
                int colon = entry.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException("not a sparsevec (an entry is not i:v): " + TextForm.abbreviate(trimmed));
                }
                nonZero.put(parseInt(entry.substring(0, colon), trimmed) - 1,
                        TextForm.parseFloat(entry.substring(colon + 1), "sparsevec", trimmed));
            }
        }
        return of(dimensions, nonZero);
    }

    private static int parseInt(String part, String whole) {
        try {
            return Integer.parseInt(part.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a sparsevec (an index or the dimensions is not a whole number): "
                    + TextForm.abbreviate(whole), e);
        }
    }

    @Override
    public int dimensions() {
        return dimensions;
    }

    @Override
    public float get(int i) {
        if (i < 0 || i >= dimensions) {
            throw new IndexOutOfBoundsException("index " + i + " is outside 0.." + (dimensions - 1));
        }
        int at = Arrays.binarySearch(indices, i);
        return at < 0 ? 0f : values[at];
    }

    /** The non-zero entries, 0-based index to value, in index order. */
    public SortedMap<Integer, Float> nonZero() {
        SortedMap<Integer, Float> entries = new TreeMap<>();
        for (int i = 0; i < indices.length; i++) {
            entries.put(indices[i], values[i]);
        }
        return entries;
    }

    @Override
    public float[] toArray() {
        float[] dense = new float[dimensions];
        for (int i = 0; i < indices.length; i++) {
            dense[indices[i]] = values[i];
        }
        return dense;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SparseVector vector && dimensions == vector.dimensions
                && Arrays.equals(indices, vector.indices) && Arrays.equals(values, vector.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dimensions + Arrays.hashCode(indices)) + Arrays.hashCode(values);
    }

    /** pgvector's text form, indices from 1: {@code {1:0.5,3:2}/5}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(indices.length * 12 + 8).append('{');
        for (int i = 0; i < indices.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(indices[i] + 1).append(':');
            TextForm.appendFloat(text, values[i]);
        }
        return text.append("}/").append(dimensions).toString();
    }
}
