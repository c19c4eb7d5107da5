package ai.crawbl.schema.types;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultDataType;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

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

    /** The column as jOOQ's generator declares it: its data type names the type with the schema read from the catalog. */
    private static Field<Vector> embedding(String schema) {
        return DSL.field(DSL.name("embedding"),
                DefaultDataType.getDefaultDataType("\"" + schema + "\".\"vector\"").asConvertedDataType(new VectorBinding()));
    }

    @Test
    void operatorsAndCastsAreQualifiedWithTheSchemaTheColumnsTypeNames() {
        DSLContext ctx = DSL.using(SQLDialect.POSTGRES);
        for (String schema : new String[] {"public", "ext"}) {
            Field<Vector> column = embedding(schema);
            var query = ctx.select(VectorDistance.cosine(column, Vector.of(1, 2)))
                    .orderBy(VectorDistance.l2(column, Vector.of(3, 4)), VectorDistance.negativeInnerProduct(column, Vector.of(5, 6)),
                            VectorDistance.l1(column, Vector.of(7, 8)));
            String bound = ctx.render(query);
            String cast = "cast(? as \"" + schema + "\".\"vector\")";
            for (String operator : new String[] {"<=>", "<->", "<#>", "<+>"}) {
                assertTrue(bound.contains("operator(\"" + schema + "\"." + operator + ") " + cast), bound);
            }
            String inlined = ctx.renderInlined(query);
            assertTrue(inlined.contains("operator(\"" + schema + "\".<=>) cast('[1,2]' as \"" + schema + "\".\"vector\")"), inlined);
        }
    }

    @Test
    void aColumnWhoseDataTypeNamesNoSchemaGetsPublic() {
        Field<Vector> handMade = DSL.field(DSL.name("embedding"), SQLDataType.OTHER.asConvertedDataType(new VectorBinding()));
        String sql = DSL.using(SQLDialect.POSTGRES).render(VectorDistance.cosine(handMade, Vector.of(1)));
        assertEquals("(\"embedding\" operator(\"public\".<=>) cast(? as \"public\".\"vector\"))", sql);
    }

    @Test
    void theBindingItselfNamesNoTypeSoNoSearchPathIsConsulted() {
        DSLContext ctx = DSL.using(SQLDialect.POSTGRES);
        Field<Vector> column = embedding("public");
        assertEquals("insert into \"t\" (\"embedding\") values (?)",
                ctx.render(DSL.insertInto(DSL.table(DSL.name("t"))).set(column, Vector.of(1, 2))));
        assertEquals("insert into \"t\" (\"embedding\") values ('[1,2]')",
                ctx.renderInlined(DSL.insertInto(DSL.table(DSL.name("t"))).set(column, Vector.of(1, 2))));
    }
}
