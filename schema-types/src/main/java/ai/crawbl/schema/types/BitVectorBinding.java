package ai.crawbl.schema.types;

/**
 * Binds {@code bit(N)} columns (which jOOQ's generator declares as {@code char(N)}, hence {@code String}) to
 * {@link BitVector}. Values are sent typed {@code bit} without a length, which keeps every bit (a cast to {@code bit}
 * would mean {@code bit(1)} and cut the value to its first bit).
 */
public final class BitVectorBinding extends TextFormBinding<String, BitVector> {

    public BitVectorBinding() {
        super("bit", String.class, BitVector.class, BitVector::parse);
    }
}
