package ai.crawbl.schema.types;

import java.util.Arrays;

/**
 * A pgvector {@code halfvec}: an immutable list of half-precision (IEEE 754 binary16) floats. Components are rounded to
 * half precision when the value is made, exactly as the server rounds them, so a value reads back equal to what was
 * written. Its {@link #toString()} is pgvector's text form ({@code [1,2.5,3]}), which {@link #parse} reads back.
 */
public final class HalfVector implements FloatVector {

    /** The largest finite half-precision value; pgvector refuses anything beyond it. */
    private static final float MAX = 65504f;

    private final short[] halves;

    private HalfVector(short[] halves) {
        this.halves = halves;
    }

    /** A half vector of these components, each rounded to the nearest half-precision value. */
    public static HalfVector of(float... components) {
        if (components.length == 0) {
            throw new IllegalArgumentException("a halfvec has at least one dimension");
        }
        short[] halves = new short[components.length];
        for (int i = 0; i < components.length; i++) {
            float component = components[i];
            if (!Float.isFinite(component) || Math.abs(component) > MAX) {
                throw new IllegalArgumentException("halfvec components must be finite and within ±65504, not " + component);
            }
            halves[i] = Float.floatToFloat16(component);
        }
        return new HalfVector(halves);
    }

    /** The vector's components at half precision. */
    public static HalfVector of(Vector vector) {
        return of(vector.toArray());
    }

    /** Reads pgvector's text form, {@code [x,y,...]}. */
    public static HalfVector parse(String text) {
        return of(TextForm.parseBracketed(text, "halfvec"));
    }

    @Override
    public int dimensions() {
        return halves.length;
    }

    @Override
    public float get(int i) {
        return Float.float16ToFloat(halves[i]);
    }

    @Override
    public float[] toArray() {
        float[] components = new float[halves.length];
        for (int i = 0; i < halves.length; i++) {
            components[i] = Float.float16ToFloat(halves[i]);
        }
        return components;
    }

    /** Equal when every component is the same half-precision value (0 and -0 differ, as their bits do). */
    @Override
    public boolean equals(Object other) {
        return other instanceof HalfVector vector && Arrays.equals(halves, vector.halves);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(halves);
    }

    /** pgvector's text form; each component is written as the shortest float that rounds to the same half. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(halves.length * 8).append('[');
        for (int i = 0; i < halves.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            TextForm.appendFloat(text, Float.float16ToFloat(halves[i]));
        }
        return text.append(']').toString();
    }
}
