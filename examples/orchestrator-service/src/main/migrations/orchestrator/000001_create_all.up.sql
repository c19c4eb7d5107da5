CREATE SCHEMA IF NOT EXISTS orchestrator;

-- 000001_create_all: core tables of the orchestrator.
-- users and their settings, workspaces, agents and their configuration, the built-in tool catalog,
-- conversations and messages, the MCP audit log and third-party integration connections.
--
-- Conventions (see migrations/README.md): every name is qualified with the orchestrator schema,
-- UUID primary keys carry no default (the application generates them), timestamps are TIMESTAMPTZ,
-- every statement is guarded so the file can be applied again without error.
-- Foreign keys cascade where the child means nothing without its parent and become NULL where the
-- link is optional. Every foreign key column leads some index so that lookups by parent and the
-- cascading deletes do not scan the child table.

CREATE TABLE IF NOT EXISTS orchestrator.users (
    id                             uuid        PRIMARY KEY,
    subject                        text        NOT NULL UNIQUE,
    email                          text        NOT NULL,
    nickname                       text        NOT NULL,
    name                           text        NOT NULL,
    surname                        text        NOT NULL,
    avatar_url                     text,
    country_code                   text,
    date_of_birth                  timestamptz,
    is_banned                      boolean     NOT NULL DEFAULT false,
    has_agreed_with_terms          boolean     NOT NULL DEFAULT false,
    has_agreed_with_privacy_policy boolean     NOT NULL DEFAULT false,
    created_at                     timestamptz NOT NULL DEFAULT now(),
    updated_at                     timestamptz NOT NULL DEFAULT now(),
    deleted_at                     timestamptz
);

CREATE TABLE IF NOT EXISTS orchestrator.user_preferences (
    user_id           uuid        PRIMARY KEY REFERENCES orchestrator.users (id) ON DELETE CASCADE,
    platform_theme    text,
    platform_language text,
    currency_code     text,
    updated_at        timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orchestrator.user_push_tokens (
    user_id    uuid        PRIMARY KEY REFERENCES orchestrator.users (id) ON DELETE CASCADE,
    push_token text        NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orchestrator.workspaces (
    id         uuid        PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES orchestrator.users (id) ON DELETE CASCADE,
    name       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS workspaces_user_id_idx ON orchestrator.workspaces (user_id);

CREATE TABLE IF NOT EXISTS orchestrator.agents (
    id            uuid        PRIMARY KEY,
    workspace_id  uuid        NOT NULL REFERENCES orchestrator.workspaces (id) ON DELETE CASCADE,
    name          text        NOT NULL,
    role          text        NOT NULL,
    slug          text        NOT NULL,
    avatar_url    text        NOT NULL,
    system_prompt text        NOT NULL,
    description   text        NOT NULL,
    sort_order    integer     NOT NULL DEFAULT 0,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    -- also serves lookups of a workspace's agents (workspace_id leads)
    CONSTRAINT agents_workspace_id_slug_key UNIQUE (workspace_id, slug)
);

-- Built-in tool catalog, seeded from seed/tools.json. name is the natural key the loader upserts on.
CREATE TABLE IF NOT EXISTS orchestrator.tools (
    id           uuid        PRIMARY KEY,
    name         text        NOT NULL UNIQUE,
    display_name text        NOT NULL,
    description  text        NOT NULL,
    category     text        NOT NULL,
    icon_url     text        NOT NULL,
    implemented  boolean     NOT NULL DEFAULT false,
    sort_order   integer     NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orchestrator.agent_settings (
    agent_id        uuid        PRIMARY KEY REFERENCES orchestrator.agents (id) ON DELETE CASCADE,
    model           text        NOT NULL,
    response_length text        NOT NULL,
    allowed_tools   text[]      NOT NULL DEFAULT '{}',
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orchestrator.agent_prompts (
    id          uuid        PRIMARY KEY,
    agent_id    uuid        NOT NULL REFERENCES orchestrator.agents (id) ON DELETE CASCADE,
    name        text        NOT NULL,
    description text        NOT NULL,
    content     text        NOT NULL,
    sort_order  integer     NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS agent_prompts_agent_id_sort_order_idx ON orchestrator.agent_prompts (agent_id, sort_order);

CREATE TABLE IF NOT EXISTS orchestrator.conversations (
    id           uuid        PRIMARY KEY,
    workspace_id uuid        NOT NULL REFERENCES orchestrator.workspaces (id) ON DELETE CASCADE,
    agent_id     uuid        REFERENCES orchestrator.agents (id) ON DELETE SET NULL,
    type         text        NOT NULL,
    title        text        NOT NULL,
    unread_count integer     NOT NULL DEFAULT 0 CHECK (unread_count >= 0),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
-- the conversation list of a workspace, most recent first
CREATE INDEX IF NOT EXISTS conversations_workspace_id_updated_at_idx ON orchestrator.conversations (workspace_id, updated_at DESC);
CREATE INDEX IF NOT EXISTS conversations_agent_id_idx ON orchestrator.conversations (agent_id);

CREATE TABLE IF NOT EXISTS orchestrator.agent_history (
    id              uuid        PRIMARY KEY,
    agent_id        uuid        NOT NULL REFERENCES orchestrator.agents (id) ON DELETE CASCADE,
    conversation_id uuid        REFERENCES orchestrator.conversations (id) ON DELETE SET NULL,
    title           text        NOT NULL,
    subtitle        text        NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS agent_history_agent_id_created_at_idx ON orchestrator.agent_history (agent_id, created_at DESC);
CREATE INDEX IF NOT EXISTS agent_history_conversation_id_idx ON orchestrator.agent_history (conversation_id);

CREATE TABLE IF NOT EXISTS orchestrator.messages (
    id              uuid        PRIMARY KEY,
    conversation_id uuid        NOT NULL REFERENCES orchestrator.conversations (id) ON DELETE CASCADE,
    role            text        NOT NULL,
    content         jsonb       NOT NULL,
    status          text        NOT NULL,
    local_id        text,
    agent_id        uuid        REFERENCES orchestrator.agents (id) ON DELETE SET NULL,
    attachments     jsonb       NOT NULL DEFAULT '[]'::jsonb,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
-- a conversation's messages in order (paging)
CREATE INDEX IF NOT EXISTS messages_conversation_id_created_at_idx ON orchestrator.messages (conversation_id, created_at);
CREATE INDEX IF NOT EXISTS messages_agent_id_idx ON orchestrator.messages (agent_id);

-- Audit rows outlive the user and workspace they mention: the links become NULL on delete.
CREATE TABLE IF NOT EXISTS orchestrator.mcp_audit_logs (
    id            uuid        PRIMARY KEY,
    user_id       uuid        REFERENCES orchestrator.users (id) ON DELETE SET NULL,
    workspace_id  uuid        REFERENCES orchestrator.workspaces (id) ON DELETE SET NULL,
    session_id    text        NOT NULL,
    tool_name     text        NOT NULL,
    input         jsonb       NOT NULL,
    output        jsonb,
    error_message text,
    success       boolean     NOT NULL,
    duration_ms   integer     NOT NULL CHECK (duration_ms >= 0),
    remote_addr   text        NOT NULL,
    api_calls     jsonb,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS mcp_audit_logs_user_id_created_at_idx ON orchestrator.mcp_audit_logs (user_id, created_at DESC);
CREATE INDEX IF NOT EXISTS mcp_audit_logs_workspace_id_created_at_idx ON orchestrator.mcp_audit_logs (workspace_id, created_at DESC);

CREATE TABLE IF NOT EXISTS orchestrator.integration_connections (
    id                      uuid        PRIMARY KEY,
    user_id                 uuid        NOT NULL REFERENCES orchestrator.users (id) ON DELETE CASCADE,
    workspace_id            uuid        NOT NULL REFERENCES orchestrator.workspaces (id) ON DELETE CASCADE,
    provider                text        NOT NULL,
    status                  text        NOT NULL,
    access_token_encrypted  text,
    refresh_token_encrypted text,
    token_expires_at        timestamptz,
    scopes                  text[]      NOT NULL DEFAULT '{}',
    provider_user_id        text,
    provider_user_email     text,
    metadata                jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS integration_connections_user_id_idx ON orchestrator.integration_connections (user_id);
CREATE INDEX IF NOT EXISTS integration_connections_workspace_id_provider_idx ON orchestrator.integration_connections (workspace_id, provider);
