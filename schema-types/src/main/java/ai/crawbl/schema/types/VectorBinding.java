package ai.crawbl.schema.types;

/**
 * Binds pgvector's {@code vector} columns to {@link Vector}: its text form, sent typed, with no cast that names the type
 * (so the search path does not matter).
 */
public final class VectorBinding extends TextFormBinding<Object, Vector> {

    public VectorBinding() {
        super("vector", Object.class, Vector.class, Vector::parse);
    }
}
