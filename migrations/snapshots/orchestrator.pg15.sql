CREATE SCHEMA orchestrator;

CREATE TABLE orchestrator.agent_delegations (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    conversation_id uuid NOT NULL,
    trigger_message_id uuid NOT NULL,
    delegator_agent_id uuid NOT NULL,
    delegate_agent_id uuid NOT NULL,
    tool_name text NOT NULL,
    task_summary text NOT NULL,
    status text NOT NULL,
    duration_ms integer,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    completed_at timestamp with time zone,
    CONSTRAINT agent_delegations_duration_ms_check CHECK ((duration_ms >= 0))
);

CREATE TABLE orchestrator.agent_history (
    id uuid NOT NULL,
    agent_id uuid NOT NULL,
    conversation_id uuid,
    title text NOT NULL,
    subtitle text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE orchestrator.agent_messages (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    conversation_id uuid NOT NULL,
    root_message_id uuid,
    from_agent_id uuid NOT NULL,
    from_agent_slug text NOT NULL,
    to_agent_id uuid NOT NULL,
    to_agent_slug text NOT NULL,
    request_text text NOT NULL,
    response_text text,
    status text NOT NULL,
    error_message text,
    duration_ms integer,
    depth integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    completed_at timestamp with time zone,
    CONSTRAINT agent_messages_depth_check CHECK ((depth >= 0)),
    CONSTRAINT agent_messages_duration_ms_check CHECK ((duration_ms >= 0))
);

CREATE TABLE orchestrator.agent_prompts (
    id uuid NOT NULL,
    agent_id uuid NOT NULL,
    name text NOT NULL,
    description text NOT NULL,
    content text NOT NULL,
    sort_order integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE orchestrator.agent_settings (
    agent_id uuid NOT NULL,
    model text NOT NULL,
    response_length text NOT NULL,
    allowed_tools text[] DEFAULT '{}'::text[] NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE orchestrator.agent_trigger_executions (
    id uuid NOT NULL,
    trigger_id uuid NOT NULL,
    status text NOT NULL,
    result_text text,
    duration_ms integer,
    workflow_execution_id uuid,
    message_id uuid,
    error_message text,
    started_at timestamp with time zone DEFAULT now() NOT NULL,
    completed_at timestamp with time zone,
    CONSTRAINT agent_trigger_executions_duration_ms_check CHECK ((duration_ms >= 0))
);

CREATE TABLE orchestrator.agent_triggers (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    agent_id uuid NOT NULL,
    cron_expression text NOT NULL,
    timezone text NOT NULL,
    prompt text NOT NULL,
    workflow_id uuid,
    conversation_id uuid,
    is_active boolean DEFAULT true NOT NULL,
    last_triggered_at timestamp with time zone,
    next_trigger_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE orchestrator.agent_usage_counters (
    agent_id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    tokens_used bigint DEFAULT 0 NOT NULL,
    prompt_tokens_used bigint DEFAULT 0 NOT NULL,
    completion_tokens_used bigint DEFAULT 0 NOT NULL,
    cost_usd numeric(12,6) DEFAULT 0 NOT NULL,
    request_count integer DEFAULT 0 NOT NULL,
    last_updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT agent_usage_counters_completion_tokens_used_check CHECK ((completion_tokens_used >= 0)),
    CONSTRAINT agent_usage_counters_cost_usd_check CHECK ((cost_usd >= (0)::numeric)),
    CONSTRAINT agent_usage_counters_prompt_tokens_used_check CHECK ((prompt_tokens_used >= 0)),
    CONSTRAINT agent_usage_counters_request_count_check CHECK ((request_count >= 0)),
    CONSTRAINT agent_usage_counters_tokens_used_check CHECK ((tokens_used >= 0))
);

CREATE TABLE orchestrator.agents (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    name text NOT NULL,
    role text NOT NULL,
    slug text NOT NULL,
    avatar_url text NOT NULL,
    system_prompt text NOT NULL,
    description text NOT NULL,
    sort_order integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE orchestrator.artifact_reviews (
    id uuid NOT NULL,
    artifact_id uuid NOT NULL,
    version integer NOT NULL,
    reviewer_agent_id uuid NOT NULL,
    reviewer_agent_slug text NOT NULL,
    outcome text NOT NULL,
    comments text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT artifact_reviews_version_check CHECK ((version >= 1))
);

CREATE TABLE orchestrator.artifact_versions (
    id uuid NOT NULL,
    artifact_id uuid NOT NULL,
    version integer NOT NULL,
    content text NOT NULL,
    change_summary text NOT NULL,
    agent_id uuid,
    agent_slug text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT artifact_versions_version_check CHECK ((version >= 1))
);

CREATE TABLE orchestrator.artifacts (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    conversation_id uuid,
    title text NOT NULL,
    content_type text NOT NULL,
    current_version integer DEFAULT 1 NOT NULL,
    status text NOT NULL,
    created_by_agent_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT artifacts_current_version_check CHECK ((current_version >= 1))
);

CREATE TABLE orchestrator.conversations (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    agent_id uuid,
    type text NOT NULL,
    title text NOT NULL,
    unread_count integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT conversations_unread_count_check CHECK ((unread_count >= 0))
);

CREATE TABLE orchestrator.crawbl_schema_history (
    version integer NOT NULL,
    description text NOT NULL,
    kind text NOT NULL,
    script text,
    checksum text,
    applied_at timestamp with time zone DEFAULT now() NOT NULL,
    applied_by text DEFAULT CURRENT_USER NOT NULL,
    execution_ms bigint,
    success boolean NOT NULL,
    statements_done integer DEFAULT 0 NOT NULL
);

CREATE TABLE orchestrator.integration_categories (
    id uuid NOT NULL,
    slug text NOT NULL,
    name text NOT NULL,
    image_url text NOT NULL,
    sort_order integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE orchestrator.integration_connections (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    provider text NOT NULL,
    status text NOT NULL,
    access_token_encrypted text,
    refresh_token_encrypted text,
    token_expires_at timestamp with time zone,
    scopes text[] DEFAULT '{}'::text[] NOT NULL,
    provider_user_id text,
    provider_user_email text,
    metadata jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE orchestrator.integration_providers (
    id uuid NOT NULL,
    provider text NOT NULL,
    name text NOT NULL,
    description text NOT NULL,
    icon_url text NOT NULL,
    category_id uuid NOT NULL,
    is_enabled boolean DEFAULT true NOT NULL,
    sort_order integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE orchestrator.mcp_audit_logs (
    id uuid NOT NULL,
    user_id uuid,
    workspace_id uuid,
    session_id text NOT NULL,
    tool_name text NOT NULL,
    input jsonb NOT NULL,
    output jsonb,
    error_message text,
    success boolean NOT NULL,
    duration_ms integer NOT NULL,
    remote_addr text NOT NULL,
    api_calls jsonb,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT mcp_audit_logs_duration_ms_check CHECK ((duration_ms >= 0))
);

CREATE TABLE orchestrator.memory_drawers (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    external_id text NOT NULL,
    wing text NOT NULL,
    room text NOT NULL,
    hall text NOT NULL,
    content text NOT NULL,
    embedding public.vector(1536),
    importance real DEFAULT 3.0 NOT NULL,
    memory_type text NOT NULL,
    source_file text NOT NULL,
    added_by text NOT NULL,
    filed_at timestamp with time zone DEFAULT now() NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    state text DEFAULT 'raw'::text NOT NULL,
    summary text DEFAULT ''::text NOT NULL,
    added_by_agent text DEFAULT ''::text NOT NULL,
    last_accessed_at timestamp with time zone,
    access_count integer DEFAULT 0 NOT NULL,
    superseded_by uuid,
    cluster_id text,
    retry_count integer DEFAULT 0 NOT NULL,
    pipeline_tier text DEFAULT 'llm'::text NOT NULL,
    entity_count integer DEFAULT 0 NOT NULL,
    triple_count integer DEFAULT 0 NOT NULL
);

CREATE TABLE orchestrator.memory_entities (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    external_id text NOT NULL,
    name text NOT NULL,
    type text NOT NULL,
    properties jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    embedding public.vector(1536)
);

CREATE TABLE orchestrator.memory_identities (
    workspace_id uuid NOT NULL,
    content text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE orchestrator.memory_triggers (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    memory_category text NOT NULL,
    match_pattern text NOT NULL,
    agent_id uuid NOT NULL,
    prompt_template text NOT NULL,
    cooldown_secs integer DEFAULT 0 NOT NULL,
    last_triggered_at timestamp with time zone,
    is_active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT memory_triggers_cooldown_secs_check CHECK ((cooldown_secs >= 0))
);

CREATE TABLE orchestrator.memory_triples (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    external_id text NOT NULL,
    subject text NOT NULL,
    predicate text NOT NULL,
    object text NOT NULL,
    valid_from text,
    valid_to text,
    confidence real NOT NULL,
    source_closet text NOT NULL,
    source_file text NOT NULL,
    extracted_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE orchestrator.memory_type_centroids (
    id uuid NOT NULL,
    memory_type text NOT NULL,
    centroid public.vector(1536) NOT NULL,
    sample_count integer NOT NULL,
    computed_at timestamp with time zone DEFAULT now() NOT NULL,
    source_hash text NOT NULL,
    CONSTRAINT memory_type_centroids_sample_count_check CHECK ((sample_count >= 0))
);

CREATE TABLE orchestrator.messages (
    id uuid NOT NULL,
    conversation_id uuid NOT NULL,
    role text NOT NULL,
    content jsonb NOT NULL,
    status text NOT NULL,
    local_id text,
    agent_id uuid,
    attachments jsonb DEFAULT '[]'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE orchestrator.model_pricing (
    id uuid NOT NULL,
    provider text NOT NULL,
    model text NOT NULL,
    region text DEFAULT 'global'::text NOT NULL,
    input_cost_per_token numeric(18,12) NOT NULL,
    output_cost_per_token numeric(18,12) NOT NULL,
    cached_cost_per_token numeric(18,12) NOT NULL,
    source text NOT NULL,
    effective_at timestamp with time zone NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT model_pricing_cached_cost_per_token_check CHECK ((cached_cost_per_token >= (0)::numeric)),
    CONSTRAINT model_pricing_input_cost_per_token_check CHECK ((input_cost_per_token >= (0)::numeric)),
    CONSTRAINT model_pricing_output_cost_per_token_check CHECK ((output_cost_per_token >= (0)::numeric))
);

CREATE TABLE orchestrator.models (
    id uuid NOT NULL,
    slug text NOT NULL,
    name text NOT NULL,
    description text NOT NULL,
    sort_order integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE orchestrator.tool_categories (
    id uuid NOT NULL,
    slug text NOT NULL,
    name text NOT NULL,
    image_url text NOT NULL,
    sort_order integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE orchestrator.tools (
    id uuid NOT NULL,
    name text NOT NULL,
    display_name text NOT NULL,
    description text NOT NULL,
    category text NOT NULL,
    icon_url text NOT NULL,
    implemented boolean DEFAULT false NOT NULL,
    sort_order integer DEFAULT 0 NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE orchestrator.usage_counters (
    user_id uuid NOT NULL,
    period text NOT NULL,
    tokens_used bigint DEFAULT 0 NOT NULL,
    prompt_tokens_used bigint DEFAULT 0 NOT NULL,
    completion_tokens_used bigint DEFAULT 0 NOT NULL,
    cost_usd numeric(12,6) DEFAULT 0 NOT NULL,
    request_count integer DEFAULT 0 NOT NULL,
    last_updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT usage_counters_completion_tokens_used_check CHECK ((completion_tokens_used >= 0)),
    CONSTRAINT usage_counters_cost_usd_check CHECK ((cost_usd >= (0)::numeric)),
    CONSTRAINT usage_counters_prompt_tokens_used_check CHECK ((prompt_tokens_used >= 0)),
    CONSTRAINT usage_counters_request_count_check CHECK ((request_count >= 0)),
    CONSTRAINT usage_counters_tokens_used_check CHECK ((tokens_used >= 0))
);

CREATE TABLE orchestrator.usage_plans (
    id uuid NOT NULL,
    slug text NOT NULL,
    name text NOT NULL,
    monthly_token_limit bigint NOT NULL,
    daily_request_limit integer,
    max_tokens_per_request integer,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT usage_plans_daily_request_limit_check CHECK ((daily_request_limit >= 0)),
    CONSTRAINT usage_plans_max_tokens_per_request_check CHECK ((max_tokens_per_request > 0)),
    CONSTRAINT usage_plans_monthly_token_limit_check CHECK ((monthly_token_limit >= 0))
);

CREATE TABLE orchestrator.usage_quotas (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    plan_id uuid NOT NULL,
    effective_at timestamp with time zone DEFAULT now() NOT NULL,
    expires_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT usage_quotas_check CHECK (((expires_at IS NULL) OR (expires_at > effective_at)))
);

CREATE TABLE orchestrator.user_preferences (
    user_id uuid NOT NULL,
    platform_theme text,
    platform_language text,
    currency_code text,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE orchestrator.user_push_tokens (
    user_id uuid NOT NULL,
    push_token text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE orchestrator.users (
    id uuid NOT NULL,
    subject text NOT NULL,
    email text NOT NULL,
    nickname text NOT NULL,
    name text NOT NULL,
    surname text NOT NULL,
    avatar_url text,
    country_code text,
    date_of_birth timestamp with time zone,
    is_banned boolean DEFAULT false NOT NULL,
    has_agreed_with_terms boolean DEFAULT false NOT NULL,
    has_agreed_with_privacy_policy boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    deleted_at timestamp with time zone
);

CREATE TABLE orchestrator.workflow_definitions (
    id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    name text NOT NULL,
    description text NOT NULL,
    steps jsonb DEFAULT '[]'::jsonb NOT NULL,
    trigger_policy text NOT NULL,
    trigger_agents text[] DEFAULT '{}'::text[] NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    created_by_agent_id uuid,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TABLE orchestrator.workflow_executions (
    id uuid NOT NULL,
    workflow_definition_id uuid NOT NULL,
    workspace_id uuid NOT NULL,
    conversation_id uuid,
    status text NOT NULL,
    current_step integer DEFAULT 0 NOT NULL,
    context jsonb DEFAULT '{}'::jsonb NOT NULL,
    triggered_by text NOT NULL,
    error_message text,
    started_at timestamp with time zone,
    completed_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT workflow_executions_current_step_check CHECK ((current_step >= 0))
);

CREATE TABLE orchestrator.workflow_step_executions (
    id uuid NOT NULL,
    execution_id uuid NOT NULL,
    step_index integer NOT NULL,
    step_name text NOT NULL,
    agent_slug text NOT NULL,
    status text NOT NULL,
    input_text text NOT NULL,
    output_text text,
    artifact_id uuid,
    duration_ms integer,
    started_at timestamp with time zone,
    completed_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT workflow_step_executions_duration_ms_check CHECK ((duration_ms >= 0)),
    CONSTRAINT workflow_step_executions_step_index_check CHECK ((step_index >= 0))
);

CREATE TABLE orchestrator.workspaces (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    name text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL
);

ALTER TABLE ONLY orchestrator.agent_delegations
    ADD CONSTRAINT agent_delegations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.agent_history
    ADD CONSTRAINT agent_history_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.agent_messages
    ADD CONSTRAINT agent_messages_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.agent_prompts
    ADD CONSTRAINT agent_prompts_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.agent_settings
    ADD CONSTRAINT agent_settings_pkey PRIMARY KEY (agent_id);

ALTER TABLE ONLY orchestrator.agent_trigger_executions
    ADD CONSTRAINT agent_trigger_executions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.agent_triggers
    ADD CONSTRAINT agent_triggers_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.agent_usage_counters
    ADD CONSTRAINT agent_usage_counters_pkey PRIMARY KEY (agent_id);

ALTER TABLE ONLY orchestrator.agents
    ADD CONSTRAINT agents_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.agents
    ADD CONSTRAINT agents_workspace_id_slug_key UNIQUE (workspace_id, slug);

ALTER TABLE ONLY orchestrator.artifact_reviews
    ADD CONSTRAINT artifact_reviews_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.artifact_versions
    ADD CONSTRAINT artifact_versions_artifact_id_version_key UNIQUE (artifact_id, version);

ALTER TABLE ONLY orchestrator.artifact_versions
    ADD CONSTRAINT artifact_versions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.artifacts
    ADD CONSTRAINT artifacts_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.conversations
    ADD CONSTRAINT conversations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.crawbl_schema_history
    ADD CONSTRAINT crawbl_schema_history_pkey PRIMARY KEY (version);

ALTER TABLE ONLY orchestrator.integration_categories
    ADD CONSTRAINT integration_categories_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.integration_categories
    ADD CONSTRAINT integration_categories_slug_key UNIQUE (slug);

ALTER TABLE ONLY orchestrator.integration_connections
    ADD CONSTRAINT integration_connections_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.integration_providers
    ADD CONSTRAINT integration_providers_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.integration_providers
    ADD CONSTRAINT integration_providers_provider_key UNIQUE (provider);

ALTER TABLE ONLY orchestrator.mcp_audit_logs
    ADD CONSTRAINT mcp_audit_logs_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.memory_drawers
    ADD CONSTRAINT memory_drawers_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.memory_drawers
    ADD CONSTRAINT memory_drawers_workspace_id_external_id_key UNIQUE (workspace_id, external_id);

ALTER TABLE ONLY orchestrator.memory_entities
    ADD CONSTRAINT memory_entities_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.memory_entities
    ADD CONSTRAINT memory_entities_workspace_id_external_id_key UNIQUE (workspace_id, external_id);

ALTER TABLE ONLY orchestrator.memory_identities
    ADD CONSTRAINT memory_identities_pkey PRIMARY KEY (workspace_id);

ALTER TABLE ONLY orchestrator.memory_triggers
    ADD CONSTRAINT memory_triggers_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.memory_triples
    ADD CONSTRAINT memory_triples_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.memory_triples
    ADD CONSTRAINT memory_triples_workspace_id_external_id_key UNIQUE (workspace_id, external_id);

ALTER TABLE ONLY orchestrator.memory_type_centroids
    ADD CONSTRAINT memory_type_centroids_memory_type_key UNIQUE (memory_type);

ALTER TABLE ONLY orchestrator.memory_type_centroids
    ADD CONSTRAINT memory_type_centroids_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.messages
    ADD CONSTRAINT messages_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.model_pricing
    ADD CONSTRAINT model_pricing_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.models
    ADD CONSTRAINT models_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.models
    ADD CONSTRAINT models_slug_key UNIQUE (slug);

ALTER TABLE ONLY orchestrator.tool_categories
    ADD CONSTRAINT tool_categories_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.tool_categories
    ADD CONSTRAINT tool_categories_slug_key UNIQUE (slug);

ALTER TABLE ONLY orchestrator.tools
    ADD CONSTRAINT tools_name_key UNIQUE (name);

ALTER TABLE ONLY orchestrator.tools
    ADD CONSTRAINT tools_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.usage_counters
    ADD CONSTRAINT usage_counters_pkey PRIMARY KEY (user_id, period);

ALTER TABLE ONLY orchestrator.usage_plans
    ADD CONSTRAINT usage_plans_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.usage_plans
    ADD CONSTRAINT usage_plans_slug_key UNIQUE (slug);

ALTER TABLE ONLY orchestrator.usage_quotas
    ADD CONSTRAINT usage_quotas_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.user_preferences
    ADD CONSTRAINT user_preferences_pkey PRIMARY KEY (user_id);

ALTER TABLE ONLY orchestrator.user_push_tokens
    ADD CONSTRAINT user_push_tokens_pkey PRIMARY KEY (user_id);

ALTER TABLE ONLY orchestrator.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.users
    ADD CONSTRAINT users_subject_key UNIQUE (subject);

ALTER TABLE ONLY orchestrator.workflow_definitions
    ADD CONSTRAINT workflow_definitions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.workflow_executions
    ADD CONSTRAINT workflow_executions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.workflow_step_executions
    ADD CONSTRAINT workflow_step_executions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY orchestrator.workspaces
    ADD CONSTRAINT workspaces_pkey PRIMARY KEY (id);

CREATE INDEX agent_delegations_conversation_id_created_at_idx ON orchestrator.agent_delegations USING btree (conversation_id, created_at);

CREATE INDEX agent_delegations_delegate_agent_id_idx ON orchestrator.agent_delegations USING btree (delegate_agent_id);

CREATE INDEX agent_delegations_delegator_agent_id_idx ON orchestrator.agent_delegations USING btree (delegator_agent_id);

CREATE INDEX agent_delegations_trigger_message_id_idx ON orchestrator.agent_delegations USING btree (trigger_message_id);

CREATE INDEX agent_delegations_workspace_id_idx ON orchestrator.agent_delegations USING btree (workspace_id);

CREATE INDEX agent_history_agent_id_created_at_idx ON orchestrator.agent_history USING btree (agent_id, created_at DESC);

CREATE INDEX agent_history_conversation_id_idx ON orchestrator.agent_history USING btree (conversation_id);

CREATE INDEX agent_messages_conversation_id_created_at_idx ON orchestrator.agent_messages USING btree (conversation_id, created_at);

CREATE INDEX agent_messages_from_agent_id_idx ON orchestrator.agent_messages USING btree (from_agent_id);

CREATE INDEX agent_messages_root_message_id_idx ON orchestrator.agent_messages USING btree (root_message_id);

CREATE INDEX agent_messages_to_agent_id_idx ON orchestrator.agent_messages USING btree (to_agent_id);

CREATE INDEX agent_messages_workspace_id_idx ON orchestrator.agent_messages USING btree (workspace_id);

CREATE INDEX agent_prompts_agent_id_sort_order_idx ON orchestrator.agent_prompts USING btree (agent_id, sort_order);

CREATE INDEX agent_trigger_executions_message_id_idx ON orchestrator.agent_trigger_executions USING btree (message_id);

CREATE INDEX agent_trigger_executions_trigger_id_started_at_idx ON orchestrator.agent_trigger_executions USING btree (trigger_id, started_at DESC);

CREATE INDEX agent_trigger_executions_workflow_execution_id_idx ON orchestrator.agent_trigger_executions USING btree (workflow_execution_id);

CREATE INDEX agent_triggers_agent_id_idx ON orchestrator.agent_triggers USING btree (agent_id);

CREATE INDEX agent_triggers_conversation_id_idx ON orchestrator.agent_triggers USING btree (conversation_id);

CREATE INDEX agent_triggers_due_idx ON orchestrator.agent_triggers USING btree (next_trigger_at) WHERE is_active;

CREATE INDEX agent_triggers_workflow_id_idx ON orchestrator.agent_triggers USING btree (workflow_id);

CREATE INDEX agent_triggers_workspace_id_idx ON orchestrator.agent_triggers USING btree (workspace_id);

CREATE INDEX agent_usage_counters_workspace_id_idx ON orchestrator.agent_usage_counters USING btree (workspace_id);

CREATE INDEX artifact_reviews_artifact_id_version_idx ON orchestrator.artifact_reviews USING btree (artifact_id, version);

CREATE INDEX artifact_reviews_reviewer_agent_id_idx ON orchestrator.artifact_reviews USING btree (reviewer_agent_id);

CREATE INDEX artifact_versions_agent_id_idx ON orchestrator.artifact_versions USING btree (agent_id);

CREATE INDEX artifacts_conversation_id_idx ON orchestrator.artifacts USING btree (conversation_id);

CREATE INDEX artifacts_created_by_agent_id_idx ON orchestrator.artifacts USING btree (created_by_agent_id);

CREATE INDEX artifacts_workspace_id_updated_at_idx ON orchestrator.artifacts USING btree (workspace_id, updated_at DESC);

CREATE INDEX conversations_agent_id_idx ON orchestrator.conversations USING btree (agent_id);

CREATE INDEX conversations_workspace_id_updated_at_idx ON orchestrator.conversations USING btree (workspace_id, updated_at DESC);

CREATE INDEX integration_connections_user_id_idx ON orchestrator.integration_connections USING btree (user_id);

CREATE INDEX integration_connections_workspace_id_provider_idx ON orchestrator.integration_connections USING btree (workspace_id, provider);

CREATE INDEX integration_providers_category_id_idx ON orchestrator.integration_providers USING btree (category_id);

CREATE INDEX mcp_audit_logs_user_id_created_at_idx ON orchestrator.mcp_audit_logs USING btree (user_id, created_at DESC);

CREATE INDEX mcp_audit_logs_workspace_id_created_at_idx ON orchestrator.mcp_audit_logs USING btree (workspace_id, created_at DESC);

CREATE INDEX memory_drawers_embedding_ivfflat_idx ON orchestrator.memory_drawers USING ivfflat (embedding public.vector_cosine_ops) WITH (lists='100');

CREATE INDEX memory_drawers_enrichment_idx ON orchestrator.memory_drawers USING btree (workspace_id, created_at) WHERE ((state = 'processed'::text) AND (pipeline_tier <> 'llm'::text) AND (entity_count = 0) AND (importance >= (3.0)::double precision));

CREATE INDEX memory_drawers_state_raw_idx ON orchestrator.memory_drawers USING btree (state) WHERE (state = 'raw'::text);

CREATE INDEX memory_drawers_superseded_by_idx ON orchestrator.memory_drawers USING btree (superseded_by) WHERE (superseded_by IS NOT NULL);

CREATE INDEX memory_drawers_workspace_id_idx ON orchestrator.memory_drawers USING btree (workspace_id);

CREATE INDEX memory_drawers_workspace_id_wing_idx ON orchestrator.memory_drawers USING btree (workspace_id, wing);

CREATE INDEX memory_drawers_workspace_id_wing_room_idx ON orchestrator.memory_drawers USING btree (workspace_id, wing, room);

CREATE INDEX memory_triggers_agent_id_idx ON orchestrator.memory_triggers USING btree (agent_id);

CREATE INDEX memory_triggers_workspace_id_memory_category_idx ON orchestrator.memory_triggers USING btree (workspace_id, memory_category);

CREATE INDEX memory_triples_workspace_id_object_idx ON orchestrator.memory_triples USING btree (workspace_id, object);

CREATE INDEX memory_triples_workspace_id_predicate_idx ON orchestrator.memory_triples USING btree (workspace_id, predicate);

CREATE INDEX memory_triples_workspace_id_subject_idx ON orchestrator.memory_triples USING btree (workspace_id, subject);

CREATE INDEX memory_triples_workspace_id_valid_from_valid_to_idx ON orchestrator.memory_triples USING btree (workspace_id, valid_from, valid_to);

CREATE INDEX messages_agent_id_idx ON orchestrator.messages USING btree (agent_id);

CREATE INDEX messages_conversation_id_created_at_idx ON orchestrator.messages USING btree (conversation_id, created_at);

CREATE INDEX model_pricing_provider_model_region_effective_at_idx ON orchestrator.model_pricing USING btree (provider, model, region, effective_at DESC);

CREATE UNIQUE INDEX usage_quotas_active_user_id_plan_id_key ON orchestrator.usage_quotas USING btree (user_id, plan_id) WHERE (expires_at IS NULL);

CREATE INDEX usage_quotas_plan_id_idx ON orchestrator.usage_quotas USING btree (plan_id);

CREATE INDEX usage_quotas_user_id_effective_at_idx ON orchestrator.usage_quotas USING btree (user_id, effective_at DESC);

CREATE UNIQUE INDEX users_email_key ON orchestrator.users USING btree (email);

CREATE INDEX workflow_definitions_created_by_agent_id_idx ON orchestrator.workflow_definitions USING btree (created_by_agent_id);

CREATE INDEX workflow_definitions_workspace_id_idx ON orchestrator.workflow_definitions USING btree (workspace_id);

CREATE INDEX workflow_executions_conversation_id_idx ON orchestrator.workflow_executions USING btree (conversation_id);

CREATE INDEX workflow_executions_workflow_definition_id_created_at_idx ON orchestrator.workflow_executions USING btree (workflow_definition_id, created_at DESC);

CREATE INDEX workflow_executions_workspace_id_created_at_idx ON orchestrator.workflow_executions USING btree (workspace_id, created_at DESC);

CREATE INDEX workflow_step_executions_artifact_id_idx ON orchestrator.workflow_step_executions USING btree (artifact_id);

CREATE INDEX workflow_step_executions_execution_id_step_index_idx ON orchestrator.workflow_step_executions USING btree (execution_id, step_index);

CREATE INDEX workspaces_user_id_idx ON orchestrator.workspaces USING btree (user_id);

ALTER TABLE ONLY orchestrator.agent_delegations
    ADD CONSTRAINT agent_delegations_conversation_id_fkey FOREIGN KEY (conversation_id) REFERENCES orchestrator.conversations(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.agent_delegations
    ADD CONSTRAINT agent_delegations_delegate_agent_id_fkey FOREIGN KEY (delegate_agent_id) REFERENCES orchestrator.agents(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.agent_delegations
    ADD CONSTRAINT agent_delegations_delegator_agent_id_fkey FOREIGN KEY (delegator_agent_id) REFERENCES orchestrator.agents(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.agent_delegations
    ADD CONSTRAINT agent_delegations_trigger_message_id_fkey FOREIGN KEY (trigger_message_id) REFERENCES orchestrator.messages(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.agent_delegations
    ADD CONSTRAINT agent_delegations_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES orchestrator.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.agent_history
    ADD CONSTRAINT agent_history_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES orchestrator.agents(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.agent_history
    ADD CONSTRAINT agent_history_conversation_id_fkey FOREIGN KEY (conversation_id) REFERENCES orchestrator.conversations(id) ON DELETE SET NULL;

ALTER TABLE ONLY orchestrator.agent_messages
    ADD CONSTRAINT agent_messages_conversation_id_fkey FOREIGN KEY (conversation_id) REFERENCES orchestrator.conversations(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.agent_messages
    ADD CONSTRAINT agent_messages_from_agent_id_fkey FOREIGN KEY (from_agent_id) REFERENCES orchestrator.agents(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.agent_messages
    ADD CONSTRAINT agent_messages_root_message_id_fkey FOREIGN KEY (root_message_id) REFERENCES orchestrator.messages(id) ON DELETE SET NULL;

ALTER TABLE ONLY orchestrator.agent_messages
    ADD CONSTRAINT agent_messages_to_agent_id_fkey FOREIGN KEY (to_agent_id) REFERENCES orchestrator.agents(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.agent_messages
    ADD CONSTRAINT agent_messages_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES orchestrator.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.agent_prompts
    ADD CONSTRAINT agent_prompts_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES orchestrator.agents(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.agent_settings
    ADD CONSTRAINT agent_settings_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES orchestrator.agents(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.agent_trigger_executions
    ADD CONSTRAINT agent_trigger_executions_message_id_fkey FOREIGN KEY (message_id) REFERENCES orchestrator.messages(id) ON DELETE SET NULL;

ALTER TABLE ONLY orchestrator.agent_trigger_executions
    ADD CONSTRAINT agent_trigger_executions_trigger_id_fkey FOREIGN KEY (trigger_id) REFERENCES orchestrator.agent_triggers(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.agent_trigger_executions
    ADD CONSTRAINT agent_trigger_executions_workflow_execution_id_fkey FOREIGN KEY (workflow_execution_id) REFERENCES orchestrator.workflow_executions(id) ON DELETE SET NULL;

ALTER TABLE ONLY orchestrator.agent_triggers
    ADD CONSTRAINT agent_triggers_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES orchestrator.agents(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.agent_triggers
    ADD CONSTRAINT agent_triggers_conversation_id_fkey FOREIGN KEY (conversation_id) REFERENCES orchestrator.conversations(id) ON DELETE SET NULL;

ALTER TABLE ONLY orchestrator.agent_triggers
    ADD CONSTRAINT agent_triggers_workflow_id_fkey FOREIGN KEY (workflow_id) REFERENCES orchestrator.workflow_definitions(id) ON DELETE SET NULL;

ALTER TABLE ONLY orchestrator.agent_triggers
    ADD CONSTRAINT agent_triggers_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES orchestrator.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.agent_usage_counters
    ADD CONSTRAINT agent_usage_counters_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES orchestrator.agents(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.agent_usage_counters
    ADD CONSTRAINT agent_usage_counters_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES orchestrator.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.agents
    ADD CONSTRAINT agents_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES orchestrator.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.artifact_reviews
    ADD CONSTRAINT artifact_reviews_artifact_id_fkey FOREIGN KEY (artifact_id) REFERENCES orchestrator.artifacts(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.artifact_reviews
    ADD CONSTRAINT artifact_reviews_reviewer_agent_id_fkey FOREIGN KEY (reviewer_agent_id) REFERENCES orchestrator.agents(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.artifact_versions
    ADD CONSTRAINT artifact_versions_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES orchestrator.agents(id) ON DELETE SET NULL;

ALTER TABLE ONLY orchestrator.artifact_versions
    ADD CONSTRAINT artifact_versions_artifact_id_fkey FOREIGN KEY (artifact_id) REFERENCES orchestrator.artifacts(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.artifacts
    ADD CONSTRAINT artifacts_conversation_id_fkey FOREIGN KEY (conversation_id) REFERENCES orchestrator.conversations(id) ON DELETE SET NULL;

ALTER TABLE ONLY orchestrator.artifacts
    ADD CONSTRAINT artifacts_created_by_agent_id_fkey FOREIGN KEY (created_by_agent_id) REFERENCES orchestrator.agents(id) ON DELETE SET NULL;

ALTER TABLE ONLY orchestrator.artifacts
    ADD CONSTRAINT artifacts_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES orchestrator.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.conversations
    ADD CONSTRAINT conversations_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES orchestrator.agents(id) ON DELETE SET NULL;

ALTER TABLE ONLY orchestrator.conversations
    ADD CONSTRAINT conversations_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES orchestrator.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.integration_connections
    ADD CONSTRAINT integration_connections_user_id_fkey FOREIGN KEY (user_id) REFERENCES orchestrator.users(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.integration_connections
    ADD CONSTRAINT integration_connections_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES orchestrator.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.integration_providers
    ADD CONSTRAINT integration_providers_category_id_fkey FOREIGN KEY (category_id) REFERENCES orchestrator.integration_categories(id) ON DELETE RESTRICT;

ALTER TABLE ONLY orchestrator.mcp_audit_logs
    ADD CONSTRAINT mcp_audit_logs_user_id_fkey FOREIGN KEY (user_id) REFERENCES orchestrator.users(id) ON DELETE SET NULL;

ALTER TABLE ONLY orchestrator.mcp_audit_logs
    ADD CONSTRAINT mcp_audit_logs_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES orchestrator.workspaces(id) ON DELETE SET NULL;

ALTER TABLE ONLY orchestrator.memory_drawers
    ADD CONSTRAINT memory_drawers_superseded_by_fkey FOREIGN KEY (superseded_by) REFERENCES orchestrator.memory_drawers(id) ON DELETE SET NULL;

ALTER TABLE ONLY orchestrator.memory_drawers
    ADD CONSTRAINT memory_drawers_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES orchestrator.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.memory_entities
    ADD CONSTRAINT memory_entities_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES orchestrator.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.memory_identities
    ADD CONSTRAINT memory_identities_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES orchestrator.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.memory_triggers
    ADD CONSTRAINT memory_triggers_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES orchestrator.agents(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.memory_triggers
    ADD CONSTRAINT memory_triggers_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES orchestrator.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.memory_triples
    ADD CONSTRAINT memory_triples_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES orchestrator.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.messages
    ADD CONSTRAINT messages_agent_id_fkey FOREIGN KEY (agent_id) REFERENCES orchestrator.agents(id) ON DELETE SET NULL;

ALTER TABLE ONLY orchestrator.messages
    ADD CONSTRAINT messages_conversation_id_fkey FOREIGN KEY (conversation_id) REFERENCES orchestrator.conversations(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.usage_counters
    ADD CONSTRAINT usage_counters_user_id_fkey FOREIGN KEY (user_id) REFERENCES orchestrator.users(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.usage_quotas
    ADD CONSTRAINT usage_quotas_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES orchestrator.usage_plans(id) ON DELETE RESTRICT;

ALTER TABLE ONLY orchestrator.usage_quotas
    ADD CONSTRAINT usage_quotas_user_id_fkey FOREIGN KEY (user_id) REFERENCES orchestrator.users(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.user_preferences
    ADD CONSTRAINT user_preferences_user_id_fkey FOREIGN KEY (user_id) REFERENCES orchestrator.users(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.user_push_tokens
    ADD CONSTRAINT user_push_tokens_user_id_fkey FOREIGN KEY (user_id) REFERENCES orchestrator.users(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.workflow_definitions
    ADD CONSTRAINT workflow_definitions_created_by_agent_id_fkey FOREIGN KEY (created_by_agent_id) REFERENCES orchestrator.agents(id) ON DELETE SET NULL;

ALTER TABLE ONLY orchestrator.workflow_definitions
    ADD CONSTRAINT workflow_definitions_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES orchestrator.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.workflow_executions
    ADD CONSTRAINT workflow_executions_conversation_id_fkey FOREIGN KEY (conversation_id) REFERENCES orchestrator.conversations(id) ON DELETE SET NULL;

ALTER TABLE ONLY orchestrator.workflow_executions
    ADD CONSTRAINT workflow_executions_workflow_definition_id_fkey FOREIGN KEY (workflow_definition_id) REFERENCES orchestrator.workflow_definitions(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.workflow_executions
    ADD CONSTRAINT workflow_executions_workspace_id_fkey FOREIGN KEY (workspace_id) REFERENCES orchestrator.workspaces(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.workflow_step_executions
    ADD CONSTRAINT workflow_step_executions_artifact_id_fkey FOREIGN KEY (artifact_id) REFERENCES orchestrator.artifacts(id) ON DELETE SET NULL;

ALTER TABLE ONLY orchestrator.workflow_step_executions
    ADD CONSTRAINT workflow_step_executions_execution_id_fkey FOREIGN KEY (execution_id) REFERENCES orchestrator.workflow_executions(id) ON DELETE CASCADE;

ALTER TABLE ONLY orchestrator.workspaces
    ADD CONSTRAINT workspaces_user_id_fkey FOREIGN KEY (user_id) REFERENCES orchestrator.users(id) ON DELETE CASCADE;
