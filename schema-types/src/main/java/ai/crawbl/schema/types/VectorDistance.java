package ai.crawbl.schema.types;

import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * pgvector's distance operators as jOOQ fields, for {@code select} and {@code orderBy}. Ordering by one of them
 * ascending with a {@code limit} is the nearest-neighbour query that an index built with the matching operator class
 * ({@code vector_cosine_ops}, {@code halfvec_l2_ops}, {@code bit_hamming_ops}, …) can serve.
 *
 * <p>Every operator is written {@code OPERATOR(schema.op)} and the query value is cast to the schema-qualified type,
 * with the schema the column's data type names (jOOQ's generator reads it from the catalog; {@code public} when the
 * data type names none). A {@code bit} column is of a built-in type that carries no trace of pgvector's schema: its
 * operators are taken from {@code public} unless the call names another. The SQL therefore works on a connection whose
 * search path holds only the application schema.
 *
 * <pre>{@code
 * ctx.selectFrom(MEMORY_DRAWERS)
 *    .orderBy(VectorDistance.cosine(MEMORY_DRAWERS.EMBEDDING, query))
 *    .limit(5)
 * }</pre>
 */
public final class VectorDistance {

    private VectorDistance() {
    }

    /** Cosine distance, {@code column <=> query}: 0 for the same direction, up to 2 for opposite ones. */
    public static <V extends FloatVector> Field<Double> cosine(Field<V> column, V query) {
        return floats(column, "<=>", query);
    }

    /** Euclidean (L2) distance, {@code column <-> query}. */
    public static <V extends FloatVector> Field<Double> l2(Field<V> column, V query) {
        return floats(column, "<->", query);
    }

    /**
     * Negative inner product, {@code column <#> query}: pgvector negates it so that ascending order puts the largest
     * inner product first.
     */
    public static <V extends FloatVector> Field<Double> negativeInnerProduct(Field<V> column, V query) {
        return floats(column, "<#>", query);
    }

    /** Taxicab (L1) distance, {@code column <+> query}: the sum of the components' absolute differences. */
    public static <V extends FloatVector> Field<Double> l1(Field<V> column, V query) {
        return floats(column, "<+>", query);
    }

    /** Hamming distance between bit strings, {@code column <~> query}: the number of bits that differ. */
    public static Field<Double> hamming(Field<BitVector> column, BitVector query) {
        return hamming(QualifiedType.DEFAULT_SCHEMA, column, query);
    }

    /** Hamming distance with pgvector's operator taken from {@code pgvectorSchema}, where it is not {@code public}. */
    public static Field<Double> hamming(String pgvectorSchema, Field<BitVector> column, BitVector query) {
        return operator(column, pgvectorSchema, "<~>", DSL.val(query, column.getDataType()));
    }

    /** Jaccard distance between bit strings, {@code column <%> query}: 1 − |a ∧ b| / |a ∨ b|. */
    public static Field<Double> jaccard(Field<BitVector> column, BitVector query) {
        return jaccard(QualifiedType.DEFAULT_SCHEMA, column, query);
    }

    /** Jaccard distance with pgvector's operator taken from {@code pgvectorSchema}, where it is not {@code public}. */
    public static Field<Double> jaccard(String pgvectorSchema, Field<BitVector> column, BitVector query) {
        return operator(column, pgvectorSchema, "<%>", DSL.val(query, column.getDataType()));
    }

    private static <V extends FloatVector> Field<Double> floats(Field<V> column, String operator, V query) {
        QualifiedType type = QualifiedType.of(column.getDataType(), typeName(query));
        // The query takes the column's data type, so it binds through the column's binding, then gets a qualified cast.
        Field<?> value = DSL.field("cast({0} as {1})", column.getDataType(), DSL.val(query, column.getDataType()), type.typeName());
        return operator(column, type.schema(), operator, value);
    }

    private static Field<Double> operator(Field<?> column, String schema, String operator, Field<?> value) {
        return DSL.field("({0} operator({1}." + operator + ") {2})", SQLDataType.DOUBLE, column, DSL.name(schema), value);
    }

    private static String typeName(FloatVector value) {
        return switch (value) {
            case Vector ignored -> "vector";
            case HalfVector ignored -> "halfvec";
            case SparseVector ignored -> "sparsevec";
        };
    }
}
