package ai.crawbl.schema;

import ai.crawbl.schema.types.Vector;
import ai.crawbl.schema.types.VectorDistance;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import static ai.crawbl.schema.orchestrator.Tables.MEMORY_DRAWERS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VectorTest {

    @Test
    void writesAndReadsPgvectorsTextForm() {
        Vector vector = Vector.of(1f, -2.5f, 0.125f, 3e-8f);
        assertEquals("[1,-2.5,0.125,3.0E-8]", vector.toString());
        assertEquals(vector, Vector.parse(vector.toString()));
        assertEquals(Vector.of(1, 2, 3), Vector.parse(" [1, 2,3] "));
    }

    @Test
    void isAValue() {
        float[] components = {1, 2, 3};
        Vector vector = Vector.of(components);
        components[0] = 9;
        assertEquals(Vector.of(1, 2, 3), vector, "later changes to the array do not reach the vector");
        vector.toArray()[1] = 9;
        assertEquals(2f, vector.get(1), "nor do changes to the copy it hands out");
        assertEquals(Vector.of(1, 2, 3).hashCode(), vector.hashCode());
        assertNotEquals(Vector.of(1, 2), vector);
        assertEquals(3, vector.dimensions());
    }

    @Test
    void refusesWhatPgvectorWouldRefuse() {
        assertThrows(IllegalArgumentException.class, () -> Vector.of());
        assertThrows(IllegalArgumentException.class, () -> Vector.of(Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> Vector.of(Float.POSITIVE_INFINITY));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Vector.parse("[1,x]")).getMessage().contains("[1,x]"));
        assertThrows(IllegalArgumentException.class, () -> Vector.parse("1,2"));
    }

    @Test
    void bindsAsACastParameterAndInlinesAsACastLiteral() {
        DSLContext ctx = DSL.using(SQLDialect.POSTGRES);
        var query = ctx.select(VectorDistance.cosine(MEMORY_DRAWERS.EMBEDDING, Vector.of(1, 2)))
                .from(MEMORY_DRAWERS)
                .orderBy(VectorDistance.l2(MEMORY_DRAWERS.EMBEDDING, Vector.of(3, 4)),
                        VectorDistance.negativeInnerProduct(MEMORY_DRAWERS.EMBEDDING, Vector.of(5, 6)));
        String bound = ctx.render(query);
        assertTrue(bound.contains("<=> ?::vector") && bound.contains("<-> ?::vector") && bound.contains("<#> ?::vector"), bound);
        String inlined = ctx.renderInlined(query);
        assertTrue(inlined.contains("<=> '[1,2]'::vector") && inlined.contains("<-> '[3,4]'::vector"), inlined);
        assertTrue(ctx.renderInlined(DSL.val(null, MEMORY_DRAWERS.EMBEDDING.getDataType())).contains("null::vector"));
    }
}
