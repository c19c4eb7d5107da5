-- 000002_multi_agent: agents working together.
-- Delegations and agent-to-agent messages, artifacts with their versions and reviews, workflows and
-- their executions, scheduled agent triggers and memory-driven triggers.
-- Everything here belongs to a workspace and is deleted with it. Links to a conversation, an agent or
-- an artifact that is merely context (not the owner) become NULL when that row is deleted.

CREATE TABLE IF NOT EXISTS orchestrator.agent_delegations (
    id                 uuid        PRIMARY KEY,
    workspace_id       uuid        NOT NULL REFERENCES orchestrator.workspaces (id) ON DELETE CASCADE,
    conversation_id    uuid        NOT NULL REFERENCES orchestrator.conversations (id) ON DELETE CASCADE,
    trigger_message_id uuid        NOT NULL REFERENCES orchestrator.messages (id) ON DELETE CASCADE,
    delegator_agent_id uuid        NOT NULL REFERENCES orchestrator.agents (id) ON DELETE CASCADE,
    delegate_agent_id  uuid        NOT NULL REFERENCES orchestrator.agents (id) ON DELETE CASCADE,
    tool_name          text        NOT NULL,
    task_summary       text        NOT NULL,
    status             text        NOT NULL,
    duration_ms        integer     CHECK (duration_ms >= 0),
    created_at         timestamptz NOT NULL DEFAULT now(),
    completed_at       timestamptz
);
CREATE INDEX IF NOT EXISTS agent_delegations_workspace_id_idx ON orchestrator.agent_delegations (workspace_id);
CREATE INDEX IF NOT EXISTS agent_delegations_conversation_id_created_at_idx ON orchestrator.agent_delegations (conversation_id, created_at);
CREATE INDEX IF NOT EXISTS agent_delegations_trigger_message_id_idx ON orchestrator.agent_delegations (trigger_message_id);
CREATE INDEX IF NOT EXISTS agent_delegations_delegator_agent_id_idx ON orchestrator.agent_delegations (delegator_agent_id);
CREATE INDEX IF NOT EXISTS agent_delegations_delegate_agent_id_idx ON orchestrator.agent_delegations (delegate_agent_id);

CREATE TABLE IF NOT EXISTS orchestrator.agent_messages (
    id              uuid        PRIMARY KEY,
    workspace_id    uuid        NOT NULL REFERENCES orchestrator.workspaces (id) ON DELETE CASCADE,
    conversation_id uuid        NOT NULL REFERENCES orchestrator.conversations (id) ON DELETE CASCADE,
    root_message_id uuid        REFERENCES orchestrator.messages (id) ON DELETE SET NULL,
    from_agent_id   uuid        NOT NULL REFERENCES orchestrator.agents (id) ON DELETE CASCADE,
    from_agent_slug text        NOT NULL,
    to_agent_id     uuid        NOT NULL REFERENCES orchestrator.agents (id) ON DELETE CASCADE,
    to_agent_slug   text        NOT NULL,
    request_text    text        NOT NULL,
    response_text   text,
    status          text        NOT NULL,
    error_message   text,
    duration_ms     integer     CHECK (duration_ms >= 0),
    depth           integer     NOT NULL DEFAULT 0 CHECK (depth >= 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    completed_at    timestamptz
);
CREATE INDEX IF NOT EXISTS agent_messages_workspace_id_idx ON orchestrator.agent_messages (workspace_id);
CREATE INDEX IF NOT EXISTS agent_messages_conversation_id_created_at_idx ON orchestrator.agent_messages (conversation_id, created_at);
CREATE INDEX IF NOT EXISTS agent_messages_root_message_id_idx ON orchestrator.agent_messages (root_message_id);
CREATE INDEX IF NOT EXISTS agent_messages_from_agent_id_idx ON orchestrator.agent_messages (from_agent_id);
CREATE INDEX IF NOT EXISTS agent_messages_to_agent_id_idx ON orchestrator.agent_messages (to_agent_id);

CREATE TABLE IF NOT EXISTS orchestrator.artifacts (
    id                  uuid        PRIMARY KEY,
    workspace_id        uuid        NOT NULL REFERENCES orchestrator.workspaces (id) ON DELETE CASCADE,
    conversation_id     uuid        REFERENCES orchestrator.conversations (id) ON DELETE SET NULL,
    title               text        NOT NULL,
    content_type        text        NOT NULL,
    current_version     integer     NOT NULL DEFAULT 1 CHECK (current_version >= 1),
    status              text        NOT NULL,
    created_by_agent_id uuid        REFERENCES orchestrator.agents (id) ON DELETE SET NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS artifacts_workspace_id_updated_at_idx ON orchestrator.artifacts (workspace_id, updated_at DESC);
CREATE INDEX IF NOT EXISTS artifacts_conversation_id_idx ON orchestrator.artifacts (conversation_id);
CREATE INDEX IF NOT EXISTS artifacts_created_by_agent_id_idx ON orchestrator.artifacts (created_by_agent_id);

CREATE TABLE IF NOT EXISTS orchestrator.artifact_versions (
    id             uuid        PRIMARY KEY,
    artifact_id    uuid        NOT NULL REFERENCES orchestrator.artifacts (id) ON DELETE CASCADE,
    version        integer     NOT NULL CHECK (version >= 1),
    content        text        NOT NULL,
    change_summary text        NOT NULL,
    agent_id       uuid        REFERENCES orchestrator.agents (id) ON DELETE SET NULL,
    agent_slug     text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    -- also serves the artifact_id foreign key
    CONSTRAINT artifact_versions_artifact_id_version_key UNIQUE (artifact_id, version)
);
CREATE INDEX IF NOT EXISTS artifact_versions_agent_id_idx ON orchestrator.artifact_versions (agent_id);

CREATE TABLE IF NOT EXISTS orchestrator.artifact_reviews (
    id                  uuid        PRIMARY KEY,
    artifact_id         uuid        NOT NULL REFERENCES orchestrator.artifacts (id) ON DELETE CASCADE,
    version             integer     NOT NULL CHECK (version >= 1),
    reviewer_agent_id   uuid        NOT NULL REFERENCES orchestrator.agents (id) ON DELETE CASCADE,
    reviewer_agent_slug text        NOT NULL,
    outcome             text        NOT NULL,
    comments            text        NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS artifact_reviews_artifact_id_version_idx ON orchestrator.artifact_reviews (artifact_id, version);
CREATE INDEX IF NOT EXISTS artifact_reviews_reviewer_agent_id_idx ON orchestrator.artifact_reviews (reviewer_agent_id);

CREATE TABLE IF NOT EXISTS orchestrator.workflow_definitions (
    id                  uuid        PRIMARY KEY,
    workspace_id        uuid        NOT NULL REFERENCES orchestrator.workspaces (id) ON DELETE CASCADE,
    name                text        NOT NULL,
    description         text        NOT NULL,
    steps               jsonb       NOT NULL DEFAULT '[]'::jsonb,
    trigger_policy      text        NOT NULL,
    trigger_agents      text[]      NOT NULL DEFAULT '{}',
    is_active           boolean     NOT NULL DEFAULT true,
    created_by_agent_id uuid        REFERENCES orchestrator.agents (id) ON DELETE SET NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS workflow_definitions_workspace_id_idx ON orchestrator.workflow_definitions (workspace_id);
CREATE INDEX IF NOT EXISTS workflow_definitions_created_by_agent_id_idx ON orchestrator.workflow_definitions (created_by_agent_id);

CREATE TABLE IF NOT EXISTS orchestrator.workflow_executions (
    id                     uuid        PRIMARY KEY,
    workflow_definition_id uuid        NOT NULL REFERENCES orchestrator.workflow_definitions (id) ON DELETE CASCADE,
    workspace_id           uuid        NOT NULL REFERENCES orchestrator.workspaces (id) ON DELETE CASCADE,
    conversation_id        uuid        REFERENCES orchestrator.conversations (id) ON DELETE SET NULL,
    status                 text        NOT NULL,
    current_step           integer     NOT NULL DEFAULT 0 CHECK (current_step >= 0),
    context                jsonb       NOT NULL DEFAULT '{}'::jsonb,
    triggered_by           text        NOT NULL,
    error_message          text,
    started_at             timestamptz,
    completed_at           timestamptz,
    created_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS workflow_executions_workflow_definition_id_created_at_idx ON orchestrator.workflow_executions (workflow_definition_id, created_at DESC);
CREATE INDEX IF NOT EXISTS workflow_executions_workspace_id_created_at_idx ON orchestrator.workflow_executions (workspace_id, created_at DESC);
CREATE INDEX IF NOT EXISTS workflow_executions_conversation_id_idx ON orchestrator.workflow_executions (conversation_id);

CREATE TABLE IF NOT EXISTS orchestrator.workflow_step_executions (
    id           uuid        PRIMARY KEY,
    execution_id uuid        NOT NULL REFERENCES orchestrator.workflow_executions (id) ON DELETE CASCADE,
    step_index   integer     NOT NULL CHECK (step_index >= 0),
    step_name    text        NOT NULL,
    agent_slug   text        NOT NULL,
    status       text        NOT NULL,
    input_text   text        NOT NULL,
    output_text  text,
    artifact_id  uuid        REFERENCES orchestrator.artifacts (id) ON DELETE SET NULL,
    duration_ms  integer     CHECK (duration_ms >= 0),
    started_at   timestamptz,
    completed_at timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS workflow_step_executions_execution_id_step_index_idx ON orchestrator.workflow_step_executions (execution_id, step_index);
CREATE INDEX IF NOT EXISTS workflow_step_executions_artifact_id_idx ON orchestrator.workflow_step_executions (artifact_id);

CREATE TABLE IF NOT EXISTS orchestrator.agent_triggers (
    id                uuid        PRIMARY KEY,
    workspace_id      uuid        NOT NULL REFERENCES orchestrator.workspaces (id) ON DELETE CASCADE,
    agent_id          uuid        NOT NULL REFERENCES orchestrator.agents (id) ON DELETE CASCADE,
    cron_expression   text        NOT NULL,
    timezone          text        NOT NULL,
    prompt            text        NOT NULL,
    workflow_id       uuid        REFERENCES orchestrator.workflow_definitions (id) ON DELETE SET NULL,
    conversation_id   uuid        REFERENCES orchestrator.conversations (id) ON DELETE SET NULL,
    is_active         boolean     NOT NULL DEFAULT true,
    last_triggered_at timestamptz,
    next_trigger_at   timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS agent_triggers_workspace_id_idx ON orchestrator.agent_triggers (workspace_id);
CREATE INDEX IF NOT EXISTS agent_triggers_agent_id_idx ON orchestrator.agent_triggers (agent_id);
CREATE INDEX IF NOT EXISTS agent_triggers_workflow_id_idx ON orchestrator.agent_triggers (workflow_id);
CREATE INDEX IF NOT EXISTS agent_triggers_conversation_id_idx ON orchestrator.agent_triggers (conversation_id);
-- the scheduler's poll: active triggers that are due
CREATE INDEX IF NOT EXISTS agent_triggers_due_idx ON orchestrator.agent_triggers (next_trigger_at) WHERE is_active;

CREATE TABLE IF NOT EXISTS orchestrator.agent_trigger_executions (
    id                    uuid        PRIMARY KEY,
    trigger_id            uuid        NOT NULL REFERENCES orchestrator.agent_triggers (id) ON DELETE CASCADE,
    status                text        NOT NULL,
    result_text           text,
    duration_ms           integer     CHECK (duration_ms >= 0),
    workflow_execution_id uuid        REFERENCES orchestrator.workflow_executions (id) ON DELETE SET NULL,
    message_id            uuid        REFERENCES orchestrator.messages (id) ON DELETE SET NULL,
    error_message         text,
    started_at            timestamptz NOT NULL DEFAULT now(),
    completed_at          timestamptz
);
CREATE INDEX IF NOT EXISTS agent_trigger_executions_trigger_id_started_at_idx ON orchestrator.agent_trigger_executions (trigger_id, started_at DESC);
CREATE INDEX IF NOT EXISTS agent_trigger_executions_workflow_execution_id_idx ON orchestrator.agent_trigger_executions (workflow_execution_id);
CREATE INDEX IF NOT EXISTS agent_trigger_executions_message_id_idx ON orchestrator.agent_trigger_executions (message_id);

CREATE TABLE IF NOT EXISTS orchestrator.memory_triggers (
    id                uuid        PRIMARY KEY,
    workspace_id      uuid        NOT NULL REFERENCES orchestrator.workspaces (id) ON DELETE CASCADE,
    memory_category   text        NOT NULL,
    match_pattern     text        NOT NULL,
    agent_id          uuid        NOT NULL REFERENCES orchestrator.agents (id) ON DELETE CASCADE,
    prompt_template   text        NOT NULL,
    cooldown_secs     integer     NOT NULL DEFAULT 0 CHECK (cooldown_secs >= 0),
    last_triggered_at timestamptz,
    is_active         boolean     NOT NULL DEFAULT true,
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS memory_triggers_workspace_id_memory_category_idx ON orchestrator.memory_triggers (workspace_id, memory_category);
CREATE INDEX IF NOT EXISTS memory_triggers_agent_id_idx ON orchestrator.memory_triggers (agent_id);
