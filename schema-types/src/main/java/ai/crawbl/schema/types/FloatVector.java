package ai.crawbl.schema.types;

/**
 * A pgvector value made of floating-point components: {@code vector}, {@code halfvec} or {@code sparsevec}. The three
 * share pgvector's distance operators ({@link VectorDistance}); each {@link #toString()} is its type's text form.
 */
public sealed interface FloatVector permits Vector, HalfVector, SparseVector {

    /** The number of dimensions (for a sparse vector, zeros included). */
    int dimensions();

    /** Component {@code i}, from 0 (zero for a sparse vector's missing entries). */
    float get(int i);

    /** All components as a new dense array. */
    float[] toArray();
}
