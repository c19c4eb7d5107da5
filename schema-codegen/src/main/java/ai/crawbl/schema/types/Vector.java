package ai.crawbl.schema.types;

import java.util.Arrays;

/**
 * A pgvector {@code vector}: an immutable list of single-precision floats, equal to another with the same components.
 * Its {@link #toString()} is pgvector's text form ({@code [1,2.5,3]}), which {@link #parse} reads back.
 */
public final class Vector {

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
        String trimmed = text.strip();
        if (trimmed.length() < 2 || trimmed.charAt(0) != '[' || trimmed.charAt(trimmed.length() - 1) != ']') {
            throw new IllegalArgumentException("not a vector (expected [x,y,...]): " + abbreviate(trimmed));
        }
        String[] parts = trimmed.substring(1, trimmed.length() - 1).split(",", -1);
        float[] components = new float[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                components[i] = Float.parseFloat(parts[i].strip());
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a vector (a component is not a number): " + abbreviate(trimmed), e);
        }
        return of(components);
    }

    /** The number of components. */
    public int dimensions() {
        return components.length;
    }

    /** Component {@code i}, from 0. */
    public float get(int i) {
        return components[i];
    }

    /** A copy of the components. */
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
            float component = components[i];
            if (component == (long) component && Math.abs(component) < 1e15f) {
                text.append((long) component);
            } else {
                text.append(component);
            }
        }
        return text.append(']').toString();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
