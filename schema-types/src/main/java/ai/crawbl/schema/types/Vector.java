package ai.crawbl.schema.types;

import java.util.Arrays;

/**
 * A pgvector {@code vector}: an immutable list of single-precision floats, equal to another with the same components.
 * Its {@link #toString()} is pgvector's text form ({@code [1,2.5,3]}), which {@link #parse} reads back.
 */
public final class Vector implements FloatVector {

    private final float[] components;

    private Vector(float[] components) {
        this.components = components;
    }

    /** A vector of these components (copied). */
    public static Vector of(float... components) {
        if (components.length == 0) {
            throw new IllegalArgumentException("a vector has at least one dimension");
        }
        for (float component : components) {
            if (!Float.isFinite(component)) {
                throw new IllegalArgumentException("vector components must be finite, not " + component);
            }
        }
        return new Vector(components.clone());
    }

    /** Reads pgvector's text form, {@code [x,y,...]}. */
    public static Vector parse(String text) {
        return of(TextForm.parseBracketed(text, "vector"));
    }

    /** The number of components. */
    @Override
    public int dimensions() {
        return components.length;
    }

    /** Component {@code i}, from 0. */
    @Override
    public float get(int i) {
        return components[i];
    }

    /** A copy of the components. */
    @Override
    public float[] toArray() {
        return components.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Vector vector && Arrays.equals(components, vector.components);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(components);
    }

    /** pgvector's text form; whole numbers are written without a fraction, as pgvector writes them. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(components.length * 10).append('[');
        for (int i = 0; i < components.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            TextForm.appendFloat(text, components[i]);
        }
        return text.append(']').toString();
    }
}
