package ai.crawbl.schema.types;

import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * pgvector's distance operators as jOOQ fields, for {@code select} and {@code orderBy}. Ordering by one of them
 * ascending with a {@code limit} is the nearest-neighbour query that an index built with the matching operator class
 * ({@code vector_cosine_ops}, {@code vector_l2_ops}, {@code vector_ip_ops}) can serve.
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
    public static Field<Double> cosine(Field<Vector> column, Vector query) {
        return operator(column, "<=>", query);
    }

    /** Euclidean (L2) distance, {@code column <-> query}. */
    public static Field<Double> l2(Field<Vector> column, Vector query) {
        return operator(column, "<->", query);
    }

    /**
     * Negative inner product, {@code column <#> query}: pgvector negates it so that ascending order puts the largest
     * inner product first.
     */
    public static Field<Double> negativeInnerProduct(Field<Vector> column, Vector query) {
        return operator(column, "<#>", query);
    }

    private static Field<Double> operator(Field<Vector> column, String operator, Vector query) {
        // The query vector takes the column's data type, so it binds through VectorBinding as ?::vector.
        return DSL.field("({0} " + operator + " {1})", SQLDataType.DOUBLE, column, DSL.val(query, column.getDataType()));
    }
}
