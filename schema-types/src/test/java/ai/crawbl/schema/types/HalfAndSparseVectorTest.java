package ai.crawbl.schema.types;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HalfAndSparseVectorTest {

    @Test
    void aHalfVectorHoldsItsComponentsAtHalfPrecision() {
        HalfVector half = HalfVector.of(0.1f, 1, -2.5f);
        assertEquals(0.099975586f, half.get(0), "0.1 rounded to the nearest binary16 value, as the server rounds it");
        assertEquals(half, HalfVector.of(0.09997f, 1, -2.5f), "floats that round to the same halves are equal");
        assertEquals(half, HalfVector.parse(half.toString()));
        assertEquals("[0.099975586,1,-2.5]", half.toString());
        assertEquals(HalfVector.of(Vector.of(1, 2)), HalfVector.parse("[1, 2]"));
        float[] copy = half.toArray();
        copy[1] = 9;
        assertEquals(1f, half.get(1), "the array handed out is a copy");
    }

    @Test
    void aHalfVectorRefusesWhatHalfPrecisionCannotHold() {
        assertThrows(IllegalArgumentException.class, HalfVector::of);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> HalfVector.of(70000f)).getMessage().contains("65504"));
        assertThrows(IllegalArgumentException.class, () -> HalfVector.of(Float.NaN));
        assertThrows(IllegalArgumentException.class, () -> HalfVector.parse("[1,x]"));
    }

    @Test
    void aSparseVectorIsIndexedFromZeroAndWrittenFromOne() {
        SparseVector sparse = SparseVector.of(5, Map.of(0, 1.5f, 4, -2f, 2, 0f));
        assertEquals("{1:1.5,5:-2}/5", sparse.toString());
        assertEquals(sparse, SparseVector.parse("{5:-2, 1:1.5}/5"));
        assertEquals(sparse, SparseVector.parse(sparse.toString()));
        assertEquals(Map.of(0, 1.5f, 4, -2f), sparse.nonZero(), "zeros are not stored");
        assertEquals(0f, sparse.get(2));
        assertArrayEquals(new float[] {1.5f, 0, 0, 0, -2}, sparse.toArray());
        assertEquals(SparseVector.of(3, Map.of()), SparseVector.parse("{}/3"));
        assertEquals(SparseVector.of(Vector.of(0, 3, 0)), SparseVector.of(3, Map.of(1, 3f)));
        assertNotEquals(SparseVector.of(3, Map.of(1, 3f)), SparseVector.of(4, Map.of(1, 3f)), "dimensions count");
    }

    @Test
    void aSparseVectorRefusesIndicesOutsideItsDimensions() {
        assertThrows(IllegalArgumentException.class, () -> SparseVector.of(3, Map.of(3, 1f)));
        assertThrows(IllegalArgumentException.class, () -> SparseVector.parse("{0:1}/3"), "pgvector counts from 1");
        assertThrows(IllegalArgumentException.class, () -> SparseVector.parse("{1:1}"));
        assertThrows(IllegalArgumentException.class, () -> SparseVector.parse("{1:1}/0"));
        assertThrows(IllegalArgumentException.class, () -> SparseVector.parse("{1}/3"));
    }

    @Test
    void aBitVectorIsItsBits() {
        BitVector bits = BitVector.of(true, false, true, true);
        assertEquals("1011", bits.toString());
        assertEquals(bits, BitVector.parse("1011"));
        assertEquals(4, bits.length());
        assertTrue(bits.get(0) && !bits.get(1));
        assertThrows(IllegalArgumentException.class, () -> BitVector.parse("10x1"));
        assertThrows(IllegalArgumentException.class, () -> BitVector.parse(""));
    }
}
