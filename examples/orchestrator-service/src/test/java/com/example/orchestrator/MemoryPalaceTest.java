package com.example.orchestrator;

import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.target.PostgresTarget;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import ai.crawbl.schema.types.IdSource;
import ai.crawbl.schema.types.Vector;
import com.example.orchestrator.MemoryPalace.Drawer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static com.example.orchestrator.db.Tables.MEMORY_DRAWERS;
import static com.example.orchestrator.db.Tables.USERS;
import static com.example.orchestrator.db.Tables.WORKSPACES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service's repository on the embedded PostgreSQL, migrated from the service's own copy of the migrations, over a
 * connection whose search path is only {@code orchestrator} (pgvector lives in {@code public}).
 */
@ExtendWith(EmbeddedPostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MemoryPalaceTest {

    private static final int DIMENSIONS = 1536;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IdSource ids = IdSource.timeOrdered();
    private final UUID workspaceId = ids.next();
    private Connection connection;
    private DSLContext ctx;
    private MemoryPalace palace;

    @BeforeAll
    void aMigratedDatabaseAndAWorkspace(PostgresDatabase database) throws Exception {
        Migrator.configure()
                .source(MigrationSource.directory(Path.of("src/main/migrations/orchestrator"), NamingScheme.POSTGRES))
                .target(PostgresTarget.at(database.endpoint()))
                .load().migrate();
        PostgresEndpoint endpoint = database.endpoint();
        connection = new PostgresEndpoint(endpoint.jdbcUrl() + "?currentSchema=orchestrator", endpoint.user(), endpoint.password())
                .connect();
        ctx = DSL.using(connection, SQLDialect.POSTGRES);
        assertEquals("orchestrator", ctx.fetchValue("SHOW search_path"), "the connection sees only the application schema");
        UUID userId = ids.next();
        ctx.insertInto(USERS).set(USERS.ID, userId).set(USERS.SUBJECT, "auth0|7").set(USERS.EMAIL, "grace@example.com")
                .set(USERS.NICKNAME, "grace").set(USERS.NAME, "Grace").set(USERS.SURNAME, "Hopper").execute();
        ctx.insertInto(WORKSPACES).set(WORKSPACES.ID, workspaceId).set(WORKSPACES.USER_ID, userId).set(WORKSPACES.NAME, "Home").execute();
        palace = new MemoryPalace(ctx, ids);
    }

    @AfterAll
    void close() throws Exception {
        connection.close();
    }

    @Test
    void recallFindsTheFiveNearestDrawersThatABruteForceSearchFinds() {
        Random random = new Random(42);
        Map<String, Vector> embeddings = new LinkedHashMap<>();
        for (int i = 0; i < 120; i++) {
            Vector embedding = randomVector(random);
            embeddings.put("recall-" + i, embedding);
            palace.file(workspaceId, new Drawer("recall-" + i, "work", "projects", "facts", "fact " + i, embedding));
        }
        Vector query = randomVector(random);
        ctx.execute("SET ivfflat.probes = 100");  // every list: the index answers exactly

        List<String> expected = new ArrayList<>(embeddings.keySet());
        expected.sort(Comparator.comparingDouble(id -> cosineDistance(embeddings.get(id), query)));
        assertEquals(expected.subList(0, 5), palace.recall(workspaceId, query, 5));
    }

    @Test
    void filingTheSameExternalIdAgainUpdatesTheDrawerInsteadOfAddingOne() {
        Random random = new Random(7);
        Vector first = randomVector(random);
        Vector second = randomVector(random);
        palace.file(workspaceId, new Drawer("upsert", "work", "inbox", "raw", "first draft", first));
        palace.file(workspaceId, new Drawer("upsert", "work", "inbox", "raw", "final", second));

        var rows = ctx.select(MEMORY_DRAWERS.CONTENT, MEMORY_DRAWERS.EMBEDDING).from(MEMORY_DRAWERS)
                .where(MEMORY_DRAWERS.WORKSPACE_ID.eq(workspaceId).and(MEMORY_DRAWERS.EXTERNAL_ID.eq("upsert"))).fetch();
        assertEquals(1, rows.size());
        assertEquals("final", rows.getFirst().get(MEMORY_DRAWERS.CONTENT));
        assertEquals(second, rows.getFirst().get(MEMORY_DRAWERS.EMBEDDING));
        assertEquals(List.of("upsert"), palace.recall(workspaceId, second, 1), "the new embedding is the one searched");
    }

    @Test
    void settingOnePropertyOfAnEntityKeepsTheOthers() throws Exception {
        palace.remember(workspaceId, "ada", "Ada Lovelace", "person");
        palace.remember(workspaceId, "babbage", "Charles Babbage", "person");
        assertTrue(palace.setProperty(workspaceId, "ada", JSON.readTree("\"analyst\""), "role"));
        assertTrue(palace.setProperty(workspaceId, "ada", JSON.readTree("1815"), "born"));
        assertTrue(palace.setProperty(workspaceId, "ada", JSON.readTree("\"Analytical Engine\""), "role"));
        assertFalse(palace.setProperty(workspaceId, "nobody", JSON.readTree("1"), "born"), "no such entity, no row");

        assertEquals(JSON.readTree("{\"role\": \"Analytical Engine\", \"born\": 1815}"), palace.properties(workspaceId, "ada"));
        assertEquals(JSON.readTree("{}"), palace.properties(workspaceId, "babbage"));
        assertEquals(List.of("ada"), palace.entitiesWithProperty(workspaceId, "born"));
    }

    @Test
    void theServiceDependsOnSchemaTypesAndNotOnTheToolkitsGeneratedClasses() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("ai.crawbl.schema.orchestrator.Tables"),
                "schema-codegen's classes of the toolkit's own schema are not on the class path");
        assertEquals("com.example.orchestrator.db.tables", MEMORY_DRAWERS.getClass().getPackageName());
    }

    private static Vector randomVector(Random random) {
        float[] components = new float[DIMENSIONS];
        for (int i = 0; i < DIMENSIONS; i++) {
            components[i] = (float) random.nextGaussian();
        }
        return Vector.of(components);
    }

    private static double cosineDistance(Vector a, Vector b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.dimensions(); i++) {
            dot += (double) a.get(i) * b.get(i);
            normA += (double) a.get(i) * a.get(i);
            normB += (double) b.get(i) * b.get(i);
        }
        return 1 - dot / Math.sqrt(normA * normB);
    }
}
