package ai.crawbl.schema.types;

/** Binds pgvector's {@code vector} columns to {@link Vector}, as its text form sent typed (see {@link TextFormBinding}). */
public final class VectorBinding extends TextFormBinding<Object, Vector> {

    public VectorBinding() {
        super("vector", Object.class, Vector.class, Vector::parse);
    }
}
