package ai.crawbl.schema.types;

/** Binds pgvector's {@code halfvec} columns to {@link HalfVector}, as its text form sent typed. */
public final class HalfVectorBinding extends TextFormBinding<Object, HalfVector> {

    public HalfVectorBinding() {
        super("halfvec", Object.class, HalfVector.class, HalfVector::parse);
    }
}
