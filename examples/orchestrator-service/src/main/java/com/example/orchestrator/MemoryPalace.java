package com.example.orchestrator;

import ai.crawbl.schema.types.IdSource;
import ai.crawbl.schema.types.Jsonb;
import ai.crawbl.schema.types.Vector;
import ai.crawbl.schema.types.VectorDistance;
import com.fasterxml.jackson.databind.JsonNode;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.List;
import java.util.UUID;

import static com.example.orchestrator.db.Tables.MEMORY_DRAWERS;
import static com.example.orchestrator.db.Tables.MEMORY_ENTITIES;

/**
 * A workspace's memory, as an orchestrator service keeps it: drawers of text with their embeddings, found again by
 * meaning, and entities with free-form JSON properties. Every query goes through the classes this service generates
 * from its own migrations; none depends on the connection's search path.
 */
public final class MemoryPalace {

    /** One drawer to file: where it goes, what it says and its embedding. */
    public record Drawer(String externalId, String wing, String room, String hall, String content, Vector embedding) {
    }

    private final DSLContext ctx;
    private final IdSource ids;

    public MemoryPalace(DSLContext ctx, IdSource ids) {
        this.ctx = ctx;
        this.ids = ids;
    }

    /** Files a drawer, or refiles it (new content and embedding) when the workspace already has its external id. */
    public void file(UUID workspaceId, Drawer drawer) {
        ctx.insertInto(MEMORY_DRAWERS)
                .set(MEMORY_DRAWERS.ID, ids.next())
                .set(MEMORY_DRAWERS.WORKSPACE_ID, workspaceId)
                .set(MEMORY_DRAWERS.EXTERNAL_ID, drawer.externalId())
                .set(MEMORY_DRAWERS.WING, drawer.wing())
                .set(MEMORY_DRAWERS.ROOM, drawer.room())
                .set(MEMORY_DRAWERS.HALL, drawer.hall())
                .set(MEMORY_DRAWERS.CONTENT, drawer.content())
                .set(MEMORY_DRAWERS.EMBEDDING, drawer.embedding())
                .set(MEMORY_DRAWERS.MEMORY_TYPE, "fact")
                .set(MEMORY_DRAWERS.SOURCE_FILE, "chat")
                .set(MEMORY_DRAWERS.ADDED_BY, "agent")
                .onConflict(MEMORY_DRAWERS.WORKSPACE_ID, MEMORY_DRAWERS.EXTERNAL_ID)
                .doUpdate()
                .set(MEMORY_DRAWERS.CONTENT, DSL.excluded(MEMORY_DRAWERS.CONTENT))
                .set(MEMORY_DRAWERS.EMBEDDING, DSL.excluded(MEMORY_DRAWERS.EMBEDDING))
                .execute();
    }

    /** The external ids of the {@code limit} drawers nearest to {@code query} by cosine distance, nearest first. */
    public List<String> recall(UUID workspaceId, Vector query, int limit) {
        return ctx.select(MEMORY_DRAWERS.EXTERNAL_ID)
                .from(MEMORY_DRAWERS)
                .where(MEMORY_DRAWERS.WORKSPACE_ID.eq(workspaceId).and(MEMORY_DRAWERS.EMBEDDING.isNotNull()))
                .orderBy(VectorDistance.cosine(MEMORY_DRAWERS.EMBEDDING, query))
                .limit(limit)
                .fetch(MEMORY_DRAWERS.EXTERNAL_ID);
    }

    /** Records an entity the agent learnt about, with no properties yet. */
    public void remember(UUID workspaceId, String externalId, String name, String type) {
        ctx.insertInto(MEMORY_ENTITIES)
                .set(MEMORY_ENTITIES.ID, ids.next())
                .set(MEMORY_ENTITIES.WORKSPACE_ID, workspaceId)
                .set(MEMORY_ENTITIES.EXTERNAL_ID, externalId)
                .set(MEMORY_ENTITIES.NAME, name)
                .set(MEMORY_ENTITIES.TYPE, type)
                .execute();
    }

    /** Sets one property of an entity (a path of keys into its JSON), leaving the others as they are. */
    public boolean setProperty(UUID workspaceId, String externalId, JsonNode value, String... path) {
        return ctx.update(MEMORY_ENTITIES)
                .set(MEMORY_ENTITIES.PROPERTIES, Jsonb.set(MEMORY_ENTITIES.PROPERTIES, value, path))
                .where(MEMORY_ENTITIES.WORKSPACE_ID.eq(workspaceId).and(MEMORY_ENTITIES.EXTERNAL_ID.eq(externalId)))
                .execute() == 1;
    }

    /** The entities of a workspace that have a property named {@code key}, by external id. */
    public List<String> entitiesWithProperty(UUID workspaceId, String key) {
        return ctx.select(MEMORY_ENTITIES.EXTERNAL_ID).from(MEMORY_ENTITIES)
                .where(MEMORY_ENTITIES.WORKSPACE_ID.eq(workspaceId).and(Jsonb.hasKey(MEMORY_ENTITIES.PROPERTIES, key)))
                .orderBy(MEMORY_ENTITIES.EXTERNAL_ID)
                .fetch(MEMORY_ENTITIES.EXTERNAL_ID);
    }

    /** An entity's properties. */
    public JsonNode properties(UUID workspaceId, String externalId) {
        return ctx.select(MEMORY_ENTITIES.PROPERTIES).from(MEMORY_ENTITIES)
                .where(MEMORY_ENTITIES.WORKSPACE_ID.eq(workspaceId).and(MEMORY_ENTITIES.EXTERNAL_ID.eq(externalId)))
                .fetchOne(MEMORY_ENTITIES.PROPERTIES);
    }
}
