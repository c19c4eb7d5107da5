package ai.crawbl.schema.types;

/**
 * A PostgreSQL bit string ({@code bit(N)}) used as a binary vector, for pgvector's Hamming and Jaccard distances. Its
 * {@link #toString()} is PostgreSQL's text form, one {@code 0} or {@code 1} per bit, which {@link #parse} reads back.
 */
public final class BitVector {

    private final String bits;

    private BitVector(String bits) {
        this.bits = bits;
    }

    /** A bit vector with {@code true} for each set bit. */
    public static BitVector of(boolean... bits) {
        StringBuilder text = new StringBuilder(bits.length);
        for (boolean bit : bits) {
            text.append(bit ? '1' : '0');
        }
        return parse(text.toString());
    }

    /** Reads PostgreSQL's text form of a bit string, e.g. {@code 0110}. */
    public static BitVector parse(String text) {
        String trimmed = text.strip();
        if (trimmed.isEmpty() || !trimmed.chars().allMatch(c -> c == '0' || c == '1')) {
            throw new IllegalArgumentException("not a bit string (expected 0s and 1s): " + TextForm.abbreviate(trimmed));
        }
        return new BitVector(trimmed);
    }

    /** The number of bits. */
    public int length() {
        return bits.length();
    }

    /** Bit {@code i}, from 0 (the leftmost). */
    public boolean get(int i) {
        return bits.charAt(i) == '1';
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BitVector vector && bits.equals(vector.bits);
    }

    @Override
    public int hashCode() {
        return bits.hashCode();
    }

    @Override
    public String toString() {
        return bits;
    }
}
