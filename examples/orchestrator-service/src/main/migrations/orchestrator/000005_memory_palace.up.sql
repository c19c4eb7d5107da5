-- 000005_memory_palace: the agents' long-term memory.
-- Drawers hold memory text and its embedding, filed by wing / room / hall. Entities and triples form
-- a small knowledge graph. memory_identities keeps one identity text per workspace.
--
-- pgvector is installed into public explicitly: the engine's search_path starts with orchestrator,
-- and without WITH SCHEMA the extension's type, operators and functions would land there.
-- The type is therefore always written public.vector(1536) (1536 dimensions of the embedding model).
--
-- Memory rows come from the memory pipeline with their own text ids. Those are kept as external_id,
-- unique per workspace, beside the UUID primary key that references use.

CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public;

CREATE TABLE IF NOT EXISTS orchestrator.memory_drawers (
    id           uuid                 PRIMARY KEY,
    workspace_id uuid                 NOT NULL REFERENCES orchestrator.workspaces (id) ON DELETE CASCADE,
    external_id  text                 NOT NULL,
    wing         text                 NOT NULL,
    room         text                 NOT NULL,
    hall         text                 NOT NULL,
    content      text                 NOT NULL,
    embedding    public.vector(1536),
    importance   real                 NOT NULL DEFAULT 3.0,
    memory_type  text                 NOT NULL,
    source_file  text                 NOT NULL,
    added_by     text                 NOT NULL,
    filed_at     timestamptz          NOT NULL DEFAULT now(),
    created_at   timestamptz          NOT NULL DEFAULT now(),
    CONSTRAINT memory_drawers_workspace_id_external_id_key UNIQUE (workspace_id, external_id)
);
CREATE INDEX IF NOT EXISTS memory_drawers_workspace_id_idx ON orchestrator.memory_drawers (workspace_id);
CREATE INDEX IF NOT EXISTS memory_drawers_workspace_id_wing_idx ON orchestrator.memory_drawers (workspace_id, wing);
CREATE INDEX IF NOT EXISTS memory_drawers_workspace_id_wing_room_idx ON orchestrator.memory_drawers (workspace_id, wing, room);

CREATE TABLE IF NOT EXISTS orchestrator.memory_entities (
    id           uuid        PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES orchestrator.workspaces (id) ON DELETE CASCADE,
    external_id  text        NOT NULL,
    name         text        NOT NULL,
    type         text        NOT NULL,
    properties   jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    -- also serves the workspace_id foreign key
    CONSTRAINT memory_entities_workspace_id_external_id_key UNIQUE (workspace_id, external_id)
);

CREATE TABLE IF NOT EXISTS orchestrator.memory_triples (
    id            uuid        PRIMARY KEY,
    workspace_id  uuid        NOT NULL REFERENCES orchestrator.workspaces (id) ON DELETE CASCADE,
    external_id   text        NOT NULL,
    subject       text        NOT NULL,
    predicate     text        NOT NULL,
    object        text        NOT NULL,
    valid_from    text,
    valid_to      text,
    confidence    real        NOT NULL,
    source_closet text        NOT NULL,
    source_file   text        NOT NULL,
    extracted_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT memory_triples_workspace_id_external_id_key UNIQUE (workspace_id, external_id)
);
CREATE INDEX IF NOT EXISTS memory_triples_workspace_id_subject_idx ON orchestrator.memory_triples (workspace_id, subject);
CREATE INDEX IF NOT EXISTS memory_triples_workspace_id_object_idx ON orchestrator.memory_triples (workspace_id, object);
CREATE INDEX IF NOT EXISTS memory_triples_workspace_id_predicate_idx ON orchestrator.memory_triples (workspace_id, predicate);
CREATE INDEX IF NOT EXISTS memory_triples_workspace_id_valid_from_valid_to_idx ON orchestrator.memory_triples (workspace_id, valid_from, valid_to);

CREATE TABLE IF NOT EXISTS orchestrator.memory_identities (
    workspace_id uuid        PRIMARY KEY REFERENCES orchestrator.workspaces (id) ON DELETE CASCADE,
    content      text        NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
