package ai.crawbl.schema.types;

/** Binds pgvector's {@code sparsevec} columns to {@link SparseVector}, as its text form sent typed. */
public final class SparseVectorBinding extends TextFormBinding<Object, SparseVector> {

    public SparseVectorBinding() {
        super("sparsevec", Object.class, SparseVector.class, SparseVector::parse);
    }
}
