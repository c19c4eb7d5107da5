-- 000004_agent_memories (retired): the agent runtime's first durable memory, one text entry per key
-- and workspace. Superseded by the memory palace (000005) and dropped in 000012_drop_agent_memories.
-- It stays in the history so that a database that applied it, and a fresh one, end in the same state.
-- As for every memory row, the key is a natural key unique per workspace beside a UUID primary key.

CREATE TABLE IF NOT EXISTS orchestrator.agent_memories (
    id           uuid        PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES orchestrator.workspaces (id) ON DELETE CASCADE,
    key          text        NOT NULL,
    content      text        NOT NULL,
    category     text        NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT agent_memories_workspace_id_key_key UNIQUE (workspace_id, key)
);
-- a workspace's memories of one category, most recently updated first
CREATE INDEX IF NOT EXISTS agent_memories_workspace_id_category_updated_at_idx
    ON orchestrator.agent_memories (workspace_id, category, updated_at DESC);
