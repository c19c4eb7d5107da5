package ai.crawbl.schema.types;

import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.postgres.PostgresServer;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.PostgresTarget;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultDataType;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.ToDoubleBiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * pgvector's four column types through their bindings and the distance DSL, on a connection whose search path is only
 * the application schema ({@code currentSchema=app}), for two test chains: pgvector in {@code public}, and in a schema
 * of its own. Fields are declared as jOOQ's generator declares them: the column's data type names the qualified type.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PgvectorColumnsTest {

    /** Where a chain installs pgvector. */
    enum Chain {
        IN_PUBLIC("pgvector-in-public", "public"),
        IN_EXT("pgvector-in-ext", "ext");

        final String folder;
        final String schema;

        Chain(String folder, String schema) {
            this.folder = folder;
            this.schema = schema;
        }
    }

    private static final int ROWS = 200;
    private final Map<Chain, Connection> connections = new EnumMap<>(Chain.class);
    private PostgresServer server;

    @BeforeAll
    void migrateEachChainIntoADatabaseWithoutPgvector(PostgresServer server) throws Exception {
        this.server = server;
        for (Chain chain : Chain.values()) {
            String database = "pgvector_columns_" + chain.schema;
            server.createDatabase(database, "template0");
            PostgresEndpoint endpoint = server.endpoint(database);
            Migrator.configure()
                    .source(MigrationSource.directory(Path.of("src/test/resources/chains", chain.folder), NamingScheme.POSTGRES))
                    .target(PostgresTarget.at(endpoint))
                    .load().migrate();
            PostgresEndpoint appOnly = new PostgresEndpoint(endpoint.jdbcUrl() + (endpoint.jdbcUrl().contains("?") ? "&" : "?")
                    + "currentSchema=app", endpoint.user(), endpoint.password());
            connections.put(chain, appOnly.connect());
            fill(chain);
        }
    }

    @AfterAll
    void close() throws Exception {
        for (Map.Entry<Chain, Connection> each : connections.entrySet()) {
            each.getValue().close();
            server.dropDatabase("pgvector_columns_" + each.getKey().schema);
        }
    }

    /** The test table as generated code declares it. */
    record Items(Table<Record> table, Field<Integer> id, Field<Vector> embedding, Field<HalfVector> half,
                 Field<SparseVector> sparse, Field<BitVector> bits) {

        static Items in(String schema) {
            return new Items(DSL.table(DSL.name("app", "items")), DSL.field(DSL.name("id"), SQLDataType.INTEGER),
                    DSL.field(DSL.name("embedding"), type(schema, "vector").asConvertedDataType(new VectorBinding())),
                    DSL.field(DSL.name("half"), type(schema, "halfvec").asConvertedDataType(new HalfVectorBinding())),
                    DSL.field(DSL.name("sparse"), type(schema, "sparsevec").asConvertedDataType(new SparseVectorBinding())),
                    DSL.field(DSL.name("bits"), SQLDataType.CHAR(8).asConvertedDataType(new BitVectorBinding())));
        }

        private static org.jooq.DataType<Object> type(String schema, String name) {
            return DefaultDataType.getDefaultDataType("\"" + schema + "\".\"" + name + "\"");
        }
    }

    private DSLContext ctx(Chain chain) {
        return DSL.using(connections.get(chain), SQLDialect.POSTGRES);
    }

    /** Rows 1..ROWS of random values; row 0 holds nulls. The same seed in both chains. */
    private void fill(Chain chain) {
        Items items = Items.in(chain.schema);
        Random random = new Random(20261208);
        var insert = ctx(chain).batch(ctx(chain).insertInto(items.table(), items.id(), items.embedding(), items.half(),
                items.sparse(), items.bits()).values((Integer) null, null, null, null, null));
        for (int id = 1; id <= ROWS; id++) {
            insert.bind(id, vector(random), HalfVector.of(vector(random)), sparse(random), bits(random));
        }
        insert.execute();
        ctx(chain).insertInto(items.table()).set(items.id(), 0).execute();
    }

    @ParameterizedTest
    @EnumSource(Chain.class)
    void everyTypeReadsBackEqualAndNullStaysNull(Chain chain) {
        Items items = Items.in(chain.schema);
        Vector vector = Vector.of(1.5f, -2f, 0.1f);
        HalfVector half = HalfVector.of(0.1f, -65504f, 3f);
        SparseVector sparse = SparseVector.of(8, Map.of(0, 1f, 7, -0.25f, 3, 0f));
        BitVector bits = BitVector.parse("10110001");
        ctx(chain).insertInto(items.table())
                .set(items.id(), -1).set(items.embedding(), vector).set(items.half(), half)
                .set(items.sparse(), sparse).set(items.bits(), bits)
                .execute();

        Record row = ctx(chain).select(items.embedding(), items.half(), items.sparse(), items.bits())
                .from(items.table()).where(items.id().eq(-1)).fetchOne();
        assertEquals(vector, row.get(items.embedding()));
        assertEquals(half, row.get(items.half()));
        assertEquals(sparse, row.get(items.sparse()));
        assertEquals("{1:1,8:-0.25}/8", row.get(items.sparse()).toString(), "pgvector's 1-based text form, zeros dropped");
        assertEquals(bits, row.get(items.bits()));

        ctx(chain).update(items.table()).set(items.half(), HalfVector.of(1, 2, 3)).set(items.sparse(), (SparseVector) null)
                .where(items.id().eq(-1)).execute();
        Record updated = ctx(chain).select(items.half(), items.sparse()).from(items.table()).where(items.id().eq(-1)).fetchOne();
        assertEquals(HalfVector.of(1, 2, 3), updated.get(items.half()));
        assertNull(updated.get(items.sparse()));
        Record nulls = ctx(chain).select(items.embedding(), items.half(), items.sparse(), items.bits())
                .from(items.table()).where(items.id().eq(0)).fetchOne();
        for (int i = 0; i < 4; i++) {
            assertNull(nulls.get(i));
        }
        ctx(chain).deleteFrom(items.table()).where(items.id().eq(-1)).execute();
    }

    @ParameterizedTest
    @EnumSource(Chain.class)
    void inlinedValuesAreTypedByWhereTheyStand(Chain chain) {
        Items items = Items.in(chain.schema);
        DSLContext inlined = DSL.using(connections.get(chain), SQLDialect.POSTGRES,
                new Settings().withStatementType(StatementType.STATIC_STATEMENT));
        inlined.insertInto(items.table())
                .set(items.id(), -2).set(items.embedding(), Vector.of(9, 9, 9)).set(items.half(), HalfVector.of(9, 9, 9))
                .set(items.sparse(), SparseVector.of(8, Map.of(7, 9f))).set(items.bits(), BitVector.parse("11111111"))
                .execute();
        try {
            assertEquals(-2, inlined.select(items.id()).from(items.table())
                    .orderBy(VectorDistance.l2(items.half(), HalfVector.of(9, 9, 9))).limit(1).fetchOne(items.id()));
            assertEquals(SparseVector.of(8, Map.of(7, 9f)), inlined.select(items.sparse()).from(items.table())
                    .where(items.id().eq(-2)).fetchOne(items.sparse()));
        } finally {
            inlined.deleteFrom(items.table()).where(items.id().eq(-2)).execute();
        }
    }

    @ParameterizedTest
    @EnumSource(Chain.class)
    void theFiveNearestByEveryFloatOperatorMatchABruteForceSearch(Chain chain) {
        Items items = Items.in(chain.schema);
        Random random = new Random(7);
        Vector query = vector(random);
        Map<String, ToDoubleBiFunction<float[], float[]>> bruteForce = Map.of(
                "cosine", PgvectorColumnsTest::cosine, "l2", PgvectorColumnsTest::l2,
                "negativeInnerProduct", (a, b) -> -dot(a, b), "l1", PgvectorColumnsTest::l1);
        for (var operator : bruteForce.entrySet()) {
            BiFunction<Field<? extends FloatVector>, FloatVector, Field<Double>> distance = distance(operator.getKey());
            for (Field<? extends FloatVector> column : List.of(items.embedding(), items.half(), items.sparse())) {
                FloatVector typed = column == items.embedding() ? query
                        : column == items.half() ? HalfVector.of(query) : SparseVector.of(8, denseMap(query));
                assertNearest(chain, items, column, distance.apply(column, typed),
                        stored -> operator.getValue().applyAsDouble(stored.toArray(), typed.toArray()),
                        operator.getKey() + " on " + column.getName());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Chain.class)
    void theFiveNearestByHammingAndJaccardMatchABruteForceSearch(Chain chain) {
        Items items = Items.in(chain.schema);
        BitVector query = BitVector.parse("11010010");
        assertNearest(chain, items, items.bits(), VectorDistance.hamming(chain.schema, items.bits(), query),
                stored -> hamming(stored, query), "hamming");
        assertNearest(chain, items, items.bits(), VectorDistance.jaccard(chain.schema, items.bits(), query),
                stored -> jaccard(stored, query), "jaccard");
    }

    /**
     * The five smallest distances the database returns are the five smallest of a brute-force pass over the stored
     * values, and each returned row's distance is its own brute-force distance (ties make the ids alone ambiguous).
     */
    private <V> void assertNearest(Chain chain, Items items, Field<V> column, Field<Double> distance,
                                   java.util.function.ToDoubleFunction<V> bruteForce, String what) {
        Map<Integer, V> stored = new TreeMap<>();
        for (Record2<Integer, V> row : ctx(chain).select(items.id(), column).from(items.table()).where(column.isNotNull()).fetch()) {
            stored.put(row.value1(), row.value2());
        }
        List<Double> expected = new ArrayList<>(stored.values().stream().map(bruteForce::applyAsDouble).toList());
        expected.sort(Comparator.naturalOrder());

        var nearest = ctx(chain).select(items.id(), distance.as("distance")).from(items.table())
                .where(column.isNotNull()).orderBy(distance).limit(5).fetch();
        assertEquals(5, nearest.size(), what);
        for (int i = 0; i < 5; i++) {
            double returned = nearest.get(i).get("distance", Double.class);
            assertEquals(expected.get(i), returned, 1e-4 * Math.max(1, Math.abs(returned)), what + " #" + i);
            assertEquals(bruteForce.applyAsDouble(stored.get(nearest.get(i).get(items.id()))), returned,
                    1e-4 * Math.max(1, Math.abs(returned)), what + " row " + nearest.get(i).get(items.id()));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static BiFunction<Field<? extends FloatVector>, FloatVector, Field<Double>> distance(String name) {
        return switch (name) {
            case "cosine" -> (column, query) -> VectorDistance.cosine((Field) column, query);
            case "l2" -> (column, query) -> VectorDistance.l2((Field) column, query);
            case "negativeInnerProduct" -> (column, query) -> VectorDistance.negativeInnerProduct((Field) column, query);
            case "l1" -> (column, query) -> VectorDistance.l1((Field) column, query);
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Vector vector(Random random) {
        return Vector.of((float) random.nextGaussian(), (float) random.nextGaussian(), (float) random.nextGaussian());
    }

    private static SparseVector sparse(Random random) {
        Map<Integer, Float> nonZero = new TreeMap<>();
        for (int i = 0; i < 8; i++) {
            if (random.nextBoolean()) {
                nonZero.put(i, (float) random.nextGaussian());
            }
        }
        nonZero.putIfAbsent(random.nextInt(8), 1f);
        return SparseVector.of(8, nonZero);
    }

    private static Map<Integer, Float> denseMap(Vector vector) {
        Map<Integer, Float> entries = new TreeMap<>();
        for (int i = 0; i < vector.dimensions(); i++) {
            entries.put(i * 2, vector.get(i));
        }
        return entries;
    }

    private static BitVector bits(Random random) {
        boolean[] bits = new boolean[8];
        for (int i = 0; i < 8; i++) {
            bits[i] = random.nextBoolean();
        }
        bits[random.nextInt(8)] = true;
        return BitVector.of(bits);
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static double cosine(float[] a, float[] b) {
        return 1 - dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }

    private static double l2(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.pow((double) a[i] - b[i], 2);
        }
        return Math.sqrt(sum);
    }

    private static double l1(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((double) a[i] - b[i]);
        }
        return sum;
    }

    private static double hamming(BitVector a, BitVector b) {
        int differ = 0;
        for (int i = 0; i < a.length(); i++) {
            differ += a.get(i) != b.get(i) ? 1 : 0;
        }
        return differ;
    }

    private static double jaccard(BitVector a, BitVector b) {
        int both = 0;
        int either = 0;
        for (int i = 0; i < a.length(); i++) {
            both += a.get(i) && b.get(i) ? 1 : 0;
            either += a.get(i) || b.get(i) ? 1 : 0;
        }
        return either == 0 ? 0 : 1 - (double) both / either;
    }
}
