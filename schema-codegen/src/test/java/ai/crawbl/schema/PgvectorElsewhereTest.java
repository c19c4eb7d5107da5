package ai.crawbl.schema;

import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.postgres.PostgresServer;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.PostgresTarget;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.schema.types.BitVector;
import ai.crawbl.schema.types.HalfVector;
import ai.crawbl.schema.types.SparseVector;
import ai.crawbl.schema.types.Vector;
import ai.crawbl.schema.types.VectorDistance;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.codegen.GenerationTool;
import org.jooq.impl.DSL;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A chain that installs pgvector in a schema of its own ({@code ext}) and declares {@code vector}, {@code halfvec},
 * {@code sparsevec} and {@code bit} columns, generated with this module's configuration, compiled, and used on a
 * connection whose search path is only {@code orchestrator}: the generated data types carry the schema the catalog
 * named, and the bindings and distance operators work there without it on the search path.
 */
@ExtendWith(EmbeddedPostgresExtension.class)
class PgvectorElsewhereTest {

    private static final Path CHAIN = Path.of("src/test/resources/chains/pgvector-in-ext").toAbsolutePath();
    private static final String PACKAGE = "ai.crawbl.schema.elsewhere";

    @Test
    void generatedClassesQualifyWithTheSchemaTheCatalogNamed(PostgresServer server, @TempDir Path work) throws Exception {
        Path sources = work.resolve("sources");
        generate(sources);
        String items = Files.readString(sources.resolve(PACKAGE.replace('.', '/')).resolve("tables/Items.java"));
        for (String type : List.of("vector", "halfvec", "sparsevec")) {
            assertTrue(items.contains("DefaultDataType.getDefaultDataType(\"\\\"ext\\\".\\\"" + type + "\\\"\")"), items);
        }
        assertTrue(items.contains("new BitVectorBinding()") && items.contains("new SparseVectorBinding()")
                && items.contains("new HalfVectorBinding()") && items.contains("new VectorBinding()"), items);

        server.createDatabase("pgvector_elsewhere", "template0");
        PostgresEndpoint endpoint = server.endpoint("pgvector_elsewhere");
        Migrator.configure().source(MigrationSource.directory(CHAIN, NamingScheme.POSTGRES))
                .target(PostgresTarget.at(endpoint)).load().migrate();
        PostgresEndpoint orchestratorOnly = new PostgresEndpoint(endpoint.jdbcUrl() + "?currentSchema=orchestrator",
                endpoint.user(), endpoint.password());
        try (URLClassLoader classes = compile(sources, work.resolve("classes"));
             Connection connection = orchestratorOnly.connect()) {
            Table<?> table = (Table<?>) classes.loadClass(PACKAGE + ".Tables").getField("ITEMS").get(null);
            usesEveryColumn(DSL.using(connection, SQLDialect.POSTGRES), table);
        } finally {
            server.dropDatabase("pgvector_elsewhere");
        }
    }

    @SuppressWarnings("unchecked")
    private static void usesEveryColumn(DSLContext ctx, Table<?> table) {
        Field<UUID> id = (Field<UUID>) table.field("id");
        Field<Vector> embedding = (Field<Vector>) table.field("embedding");
        Field<HalfVector> half = (Field<HalfVector>) table.field("half");
        Field<SparseVector> sparse = (Field<SparseVector>) table.field("sparse");
        Field<BitVector> bits = (Field<BitVector>) table.field("bits");
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            UUID rowId = UUID.randomUUID();
            ids.add(rowId);
            ctx.insertInto(table).set(id, rowId).set(embedding, Vector.of(i, 1, -i)).set(half, HalfVector.of(i, 0.5f, 1))
                    .set(sparse, SparseVector.of(5, Map.of(i % 5, (float) i + 1))).set(bits, BitVector.parse(i % 2 == 0 ? "1010" : "0111"))
                    .execute();
        }
        Record first = ctx.select(embedding, half, sparse, bits).from(table).where(id.eq(ids.get(3))).fetchOne();
        assertEquals(Vector.of(3, 1, -3), first.get(embedding));
        assertEquals(HalfVector.of(3, 0.5f, 1), first.get(half));
        assertEquals(SparseVector.of(5, Map.of(3, 4f)), first.get(sparse));
        assertEquals(BitVector.parse("0111"), first.get(bits));

        Vector query = Vector.of(6.2f, 1, -6.2f);
        List<UUID> byL2 = ids.stream()
                .sorted(Comparator.comparingDouble(rowId -> Math.abs(ids.indexOf(rowId) - 6.2)))
                .limit(3).toList();
        assertEquals(byL2, ctx.select(id).from(table).orderBy(VectorDistance.l2(embedding, query)).limit(3).fetch(id));
        assertEquals(ids.get(6), ctx.select(id).from(table)
                .orderBy(VectorDistance.l1(half, HalfVector.of(6, 0.5f, 1))).limit(1).fetchOne(id));
        // Rows 4 and 9 have index 4 set, to 5 and 10: the larger inner product comes first.
        assertEquals(ids.get(9), ctx.select(id).from(table)
                .orderBy(VectorDistance.negativeInnerProduct(sparse, SparseVector.of(5, Map.of(4, 1f)))).limit(1).fetchOne(id));
        assertEquals(5, ctx.fetchCount(ctx.selectFrom(table).where(VectorDistance.hamming("ext", bits, BitVector.parse("1010")).eq(0.0))));
    }

    private static void generate(Path target) throws Exception {
        Configuration configuration;
        try (InputStream in = Files.newInputStream(CodegenRun.CONFIGURATION)) {
            configuration = GenerationTool.load(in);
        }
        configuration.setBasedir(Path.of("").toAbsolutePath().toString());
        configuration.getGenerator().getTarget().withDirectory(target.toString()).withPackageName(PACKAGE);
        var properties = configuration.getGenerator().getDatabase().getProperties();
        properties.clear();
        properties.add(new Property().withKey("migrations").withValue(CHAIN.toString()));
        // The chain installs pgvector itself, elsewhere than in public: the throwaway database must not have it already.
        properties.add(new Property().withKey("extensions").withValue("none"));
        GenerationTool.generate(configuration);
    }

    private static URLClassLoader compile(Path sources, Path classes) throws Exception {
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path"),
                "-proc:none", "-nowarn", "--release", "21"));
        try (Stream<Path> walk = Files.walk(sources)) {
            walk.filter(file -> file.toString().endsWith(".java")).forEach(file -> args.add(file.toString()));
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = ToolProvider.getSystemJavaCompiler().run(null, output, output, args.toArray(String[]::new));
        assertEquals(0, exit, () -> "the generated sources do not compile:\n" + output.toString(StandardCharsets.UTF_8));
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, PgvectorElsewhereTest.class.getClassLoader());
    }
}
