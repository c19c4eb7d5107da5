package ai.crawbl.schema;

import ai.crawbl.migrations.Migrator;
import ai.crawbl.migrations.source.MigrationSource;
import ai.crawbl.migrations.source.NamingScheme;
import ai.crawbl.migrations.postgres.PostgresEndpoint;
import ai.crawbl.migrations.target.PostgresTarget;
import ai.crawbl.migrations.testing.EmbeddedPostgresExtension;
import ai.crawbl.migrations.testing.PostgresDatabase;
import ai.crawbl.schema.orchestrator.tables.daos.AgentSettingsDao;
import ai.crawbl.schema.orchestrator.tables.daos.AgentsDao;
import ai.crawbl.schema.orchestrator.tables.daos.UsersDao;
import ai.crawbl.schema.orchestrator.tables.daos.WorkspacesDao;
import ai.crawbl.schema.orchestrator.tables.pojos.AgentSettings;
import ai.crawbl.schema.orchestrator.tables.pojos.Agents;
import ai.crawbl.schema.orchestrator.tables.pojos.Users;
import ai.crawbl.schema.orchestrator.tables.pojos.Workspaces;
import ai.crawbl.schema.types.IdSource;
import ai.crawbl.schema.types.Jsonb;
import ai.crawbl.schema.types.Vector;
import ai.crawbl.schema.types.VectorDistance;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static ai.crawbl.schema.orchestrator.Tables.AGENTS;
import static ai.crawbl.schema.orchestrator.Tables.AGENT_USAGE_COUNTERS;
import static ai.crawbl.schema.orchestrator.Tables.CONVERSATIONS;
import static ai.crawbl.schema.orchestrator.Tables.MEMORY_DRAWERS;
import static ai.crawbl.schema.orchestrator.Tables.MESSAGES;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated classes used as orchestrator code uses them, against the migrated schema on a real PostgreSQL: once on
 * a default connection, and once on a connection whose search path is only the application schema, as production
 * connections often are (pgvector's type and operators, in {@code public}, are then not found unless qualified).
 */
@ParameterizedClass(name = "{0}")
@EnumSource(OrchestratorUsageTest.Connection.class)
@ExtendWith(EmbeddedPostgresExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrchestratorUsageTest {

    /** How the test connects. */
    enum Connection {
        DEFAULT(""),
        ORCHESTRATOR_ONLY("currentSchema=orchestrator");

        final String parameters;

        Connection(String parameters) {
            this.parameters = parameters;
        }

        PostgresEndpoint to(PostgresEndpoint endpoint) {
            return parameters.isEmpty() ? endpoint : new PostgresEndpoint(
                    endpoint.jdbcUrl() + (endpoint.jdbcUrl().contains("?") ? "&" : "?") + parameters,
                    endpoint.user(), endpoint.password());
        }
    }

    private static final int DIMENSIONS = 1536;

    @Parameter
    Connection settings;

    private final IdSource ids = IdSource.timeOrdered();
    private UUID workspaceId;
    private UUID agentId;
    private java.sql.Connection connection;
    private DSLContext ctx;

    /** Migrates (once: the second invocation finds nothing pending) and adds this invocation's own user and agent. */
    @BeforeParameterizedClassInvocation(injectArguments = false)
    void aUserWithAWorkspaceAndAnAgent(PostgresDatabase database) throws Exception {
        Migrator.configure()
                .source(MigrationSource.directory(CodegenRun.projectMigrations(), NamingScheme.POSTGRES))
                .target(PostgresTarget.at(database.endpoint()))
                .load().migrate();
        workspaceId = ids.next();
        agentId = ids.next();
        connection = settings.to(database.endpoint()).connect();
        ctx = DSL.using(connection, SQLDialect.POSTGRES);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID userId = ids.next();
        Users user = new Users(userId, "auth0|" + userId, userId + "@example.com", "ada", "Ada", "Lovelace", null, "GB", null,
                false, true, true, now, now, null);
        UsersDao users = new UsersDao(ctx.configuration());
        users.insert(user);
        assertEquals(user, users.findById(userId), "a POJO reads back equal, timestamps included");

        new WorkspacesDao(ctx.configuration()).insert(new Workspaces(workspaceId, userId, "Home", now, now));
        new AgentsDao(ctx.configuration()).insert(new Agents(agentId, workspaceId, "Researcher", "research", "researcher",
                "icons/agents/researcher.svg", "You research.", "Finds things out.", 1, now, now));
    }

    @AfterParameterizedClassInvocation(injectArguments = false)
    void close() throws Exception {
        connection.close();
    }

    @Test
    void textArraysAreStringArrays() {
        AgentSettingsDao settings = new AgentSettingsDao(ctx.configuration());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        settings.insert(new AgentSettings(agentId, "gpt-5-mini", "short", new String[] {"web_search", "memory_recall"}, now, now));
        assertArrayEquals(new String[] {"web_search", "memory_recall"}, settings.findById(agentId).getAllowedTools());
    }

    @Test
    void messagesKeepTheirJsonContent() throws Exception {
        UUID conversationId = ids.next();
        ctx.insertInto(CONVERSATIONS)
                .set(CONVERSATIONS.ID, conversationId)
                .set(CONVERSATIONS.WORKSPACE_ID, workspaceId)
                .set(CONVERSATIONS.AGENT_ID, agentId)
                .set(CONVERSATIONS.TYPE, "chat")
                .set(CONVERSATIONS.TITLE, "First steps")
                .execute();
        JsonNode question = JsonMapper.builder().build().readTree("""
                {"type": "text", "text": "Qu'est-ce qu'un \\"vecteur\\" ? 👋", "parts": [1, 2.5, null, {"nested": true}]}""");
        JsonNode answer = JsonMapper.builder().build().readTree("{\"type\": \"text\", \"text\": \"A list of numbers.\"}");
        for (JsonNode content : List.of(question, answer)) {
            ctx.insertInto(MESSAGES)
                    .set(MESSAGES.ID, ids.next())
                    .set(MESSAGES.CONVERSATION_ID, conversationId)
                    .set(MESSAGES.ROLE, content == question ? "user" : "assistant")
                    .set(MESSAGES.CONTENT, content)
                    .set(MESSAGES.STATUS, "sent")
                    .set(MESSAGES.AGENT_ID, content == question ? null : agentId)
                    .execute();
        }

        List<JsonNode> contents = ctx.select(MESSAGES.CONTENT).from(MESSAGES)
                .where(MESSAGES.CONVERSATION_ID.eq(conversationId))
                .orderBy(MESSAGES.ID)  // UUIDv7: creation order
                .fetch(MESSAGES.CONTENT);
        assertEquals(List.of(question, answer), contents);
        JsonNode attachments = ctx.select(MESSAGES.ATTACHMENTS).from(MESSAGES).limit(1).fetchOne(MESSAGES.ATTACHMENTS);
        assertTrue(attachments.isArray() && attachments.isEmpty(), "the column default, an empty JSON array");
    }

    @Test
    void oneKeyOfAMessagesJsonContentIsReadFilteredAndUpdatedInPlace() throws Exception {
        UUID conversationId = ids.next();
        ctx.insertInto(CONVERSATIONS).set(CONVERSATIONS.ID, conversationId).set(CONVERSATIONS.WORKSPACE_ID, workspaceId)
                .set(CONVERSATIONS.AGENT_ID, agentId).set(CONVERSATIONS.TYPE, "chat").set(CONVERSATIONS.TITLE, "Edits").execute();
        UUID messageId = ids.next();
        JsonMapper json = JsonMapper.builder().build();
        ctx.insertInto(MESSAGES).set(MESSAGES.ID, messageId).set(MESSAGES.CONVERSATION_ID, conversationId)
                .set(MESSAGES.ROLE, "assistant").set(MESSAGES.STATUS, "sent").set(MESSAGES.AGENT_ID, agentId)
                .set(MESSAGES.CONTENT, json.readTree("{\"type\": \"text\", \"text\": \"draft\", \"meta\": {\"edits\": 0}}"))
                .execute();

        int updated = ctx.update(MESSAGES)
                .set(MESSAGES.CONTENT, Jsonb.set(Jsonb.set(MESSAGES.CONTENT, json.readTree("\"final\""), "text"),
                        json.readTree("1"), "meta", "edits"))
                .where(MESSAGES.CONVERSATION_ID.eq(conversationId).and(Jsonb.hasKey(MESSAGES.CONTENT, "meta")))
                .execute();

        assertEquals(1, updated);
        assertEquals("final", ctx.select(Jsonb.getText(MESSAGES.CONTENT, "text")).from(MESSAGES)
                .where(MESSAGES.CONVERSATION_ID.eq(conversationId)
                        .and(Jsonb.contains(MESSAGES.CONTENT, json.readTree("{\"meta\": {\"edits\": 1}}")))).fetchOne().value1());
        assertEquals(json.readTree("{\"type\": \"text\", \"text\": \"final\", \"meta\": {\"edits\": 1}}"),
                ctx.select(MESSAGES.CONTENT).from(MESSAGES).where(MESSAGES.ID.eq(messageId)).fetchOne(MESSAGES.CONTENT));
    }

    @Test
    void theFiveNearestDrawersByCosineDistanceMatchABruteForceSearch() {
        Random random = new Random(20261130);
        List<Vector> embeddings = new ArrayList<>();
        List<UUID> drawerIds = new ArrayList<>();
        var insert = ctx.batch(ctx.insertInto(MEMORY_DRAWERS, MEMORY_DRAWERS.ID, MEMORY_DRAWERS.WORKSPACE_ID,
                MEMORY_DRAWERS.EXTERNAL_ID, MEMORY_DRAWERS.WING, MEMORY_DRAWERS.ROOM, MEMORY_DRAWERS.HALL,
                MEMORY_DRAWERS.CONTENT, MEMORY_DRAWERS.EMBEDDING, MEMORY_DRAWERS.MEMORY_TYPE, MEMORY_DRAWERS.SOURCE_FILE,
                MEMORY_DRAWERS.ADDED_BY).values((UUID) null, null, null, null, null, null, null, null, null, null, null));
        for (int i = 0; i < 300; i++) {
            Vector embedding = randomVector(random);
            UUID id = ids.next();
            embeddings.add(embedding);
            drawerIds.add(id);
            insert.bind(id, workspaceId, "drawer-" + i, "work", "projects", "facts", "fact " + i, embedding, "fact", "chat", "agent");
        }
        insert.execute();
        ctx.insertInto(MEMORY_DRAWERS, MEMORY_DRAWERS.ID, MEMORY_DRAWERS.WORKSPACE_ID, MEMORY_DRAWERS.EXTERNAL_ID,
                        MEMORY_DRAWERS.WING, MEMORY_DRAWERS.ROOM, MEMORY_DRAWERS.HALL, MEMORY_DRAWERS.CONTENT,
                        MEMORY_DRAWERS.MEMORY_TYPE, MEMORY_DRAWERS.SOURCE_FILE, MEMORY_DRAWERS.ADDED_BY)
                .values(ids.next(), workspaceId, "not-embedded-yet", "work", "inbox", "raw", "pending", "fact", "chat", "agent")
                .execute();
        Vector query = randomVector(random);

        // Scan every IVFFlat list, so that the index answers exactly.
        ctx.execute("SET ivfflat.probes = 100");
        var nearest = ctx.select(MEMORY_DRAWERS.ID, VectorDistance.cosine(MEMORY_DRAWERS.EMBEDDING, query).as("distance"))
                .from(MEMORY_DRAWERS)
                .where(MEMORY_DRAWERS.WORKSPACE_ID.eq(workspaceId).and(MEMORY_DRAWERS.EMBEDDING.isNotNull()))
                .orderBy(VectorDistance.cosine(MEMORY_DRAWERS.EMBEDDING, query))
                .limit(5)
                .fetch();

        List<Integer> byDistance = new ArrayList<>();
        for (int i = 0; i < embeddings.size(); i++) {
            byDistance.add(i);
        }
        byDistance.sort(Comparator.comparingDouble(i -> cosineDistance(embeddings.get(i), query)));
        List<UUID> expected = byDistance.subList(0, 5).stream().map(drawerIds::get).toList();
        assertEquals(expected, nearest.getValues(MEMORY_DRAWERS.ID));
        for (Record row : nearest) {
            int i = drawerIds.indexOf(row.get(MEMORY_DRAWERS.ID));
            assertEquals(cosineDistance(embeddings.get(i), query), row.get("distance", Double.class), 1e-6);
        }
        Vector stored = ctx.select(MEMORY_DRAWERS.EMBEDDING).from(MEMORY_DRAWERS)
                .where(MEMORY_DRAWERS.ID.eq(drawerIds.getFirst())).fetchOne(MEMORY_DRAWERS.EMBEDDING);
        assertEquals(embeddings.getFirst(), stored, "a vector reads back equal, all 1536 components");
        assertNull(ctx.select(MEMORY_DRAWERS.EMBEDDING).from(MEMORY_DRAWERS)
                .where(MEMORY_DRAWERS.EXTERNAL_ID.eq("not-embedded-yet").and(MEMORY_DRAWERS.WORKSPACE_ID.eq(workspaceId))).fetchOne(MEMORY_DRAWERS.EMBEDDING));
    }

    @Test
    void theNearestNeighbourQueryCanUseTheIvfflatIndex() {
        Vector query = randomVector(new Random(7));
        String plan;
        ctx.execute("SET enable_seqscan = off");
        try {
            plan = ctx.explain(ctx.selectFrom(MEMORY_DRAWERS)
                    .orderBy(VectorDistance.cosine(MEMORY_DRAWERS.EMBEDDING, query))
                    .limit(5)).plan();
        } finally {
            ctx.execute("RESET enable_seqscan");
        }
        assertTrue(plan.contains("memory_drawers_embedding_ivfflat_idx"), plan);
    }

    @Test
    void aUsageCounterIsUpsertedAndReadBackWithItsAgent() {
        for (long tokens : new long[] {120, 80}) {
            ctx.insertInto(AGENT_USAGE_COUNTERS)
                    .set(AGENT_USAGE_COUNTERS.AGENT_ID, agentId)
                    .set(AGENT_USAGE_COUNTERS.WORKSPACE_ID, workspaceId)
                    .set(AGENT_USAGE_COUNTERS.TOKENS_USED, tokens)
                    .set(AGENT_USAGE_COUNTERS.COST_USD, new BigDecimal("0.000125"))
                    .set(AGENT_USAGE_COUNTERS.REQUEST_COUNT, 1)
                    .onConflict(AGENT_USAGE_COUNTERS.AGENT_ID)
                    .doUpdate()
                    .set(AGENT_USAGE_COUNTERS.TOKENS_USED, AGENT_USAGE_COUNTERS.TOKENS_USED.plus(DSL.excluded(AGENT_USAGE_COUNTERS.TOKENS_USED)))
                    .set(AGENT_USAGE_COUNTERS.COST_USD, AGENT_USAGE_COUNTERS.COST_USD.plus(DSL.excluded(AGENT_USAGE_COUNTERS.COST_USD)))
                    .set(AGENT_USAGE_COUNTERS.REQUEST_COUNT, AGENT_USAGE_COUNTERS.REQUEST_COUNT.plus(1))
                    .set(AGENT_USAGE_COUNTERS.LAST_UPDATED_AT, DSL.currentInstant())
                    .execute();
        }

        Record usage = ctx.select(AGENTS.SLUG, AGENT_USAGE_COUNTERS.TOKENS_USED, AGENT_USAGE_COUNTERS.COST_USD,
                        AGENT_USAGE_COUNTERS.REQUEST_COUNT)
                .from(AGENT_USAGE_COUNTERS)
                .join(AGENTS).on(AGENTS.ID.eq(AGENT_USAGE_COUNTERS.AGENT_ID))
                .where(AGENTS.WORKSPACE_ID.eq(workspaceId))
                .fetchOne();
        assertEquals("researcher", usage.get(AGENTS.SLUG));
        assertEquals(200L, usage.get(AGENT_USAGE_COUNTERS.TOKENS_USED));
        assertEquals(new BigDecimal("0.000250"), usage.get(AGENT_USAGE_COUNTERS.COST_USD));
        assertEquals(2, usage.get(AGENT_USAGE_COUNTERS.REQUEST_COUNT));
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
