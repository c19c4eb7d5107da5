-- 000006_token_usage: pricing, plans, quotas and running usage counters.
-- The detailed per-call usage lives in ClickHouse (migrations/clickhouse/001_llm_usage.sql). These
-- tables hold what the orchestrator needs on the request path: prices, limits and current totals.

-- Price history: the row in force for a (provider, model, region) is the latest effective_at.
CREATE TABLE IF NOT EXISTS orchestrator.model_pricing (
    id                    uuid           PRIMARY KEY,
    provider              text           NOT NULL,
    model                 text           NOT NULL,
    region                text           NOT NULL DEFAULT 'global',
    input_cost_per_token  numeric(18,12) NOT NULL CHECK (input_cost_per_token >= 0),
    output_cost_per_token numeric(18,12) NOT NULL CHECK (output_cost_per_token >= 0),
    cached_cost_per_token numeric(18,12) NOT NULL CHECK (cached_cost_per_token >= 0),
    source                text           NOT NULL,
    effective_at          timestamptz    NOT NULL,
    created_at            timestamptz    NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS model_pricing_provider_model_region_effective_at_idx
    ON orchestrator.model_pricing (provider, model, region, effective_at DESC);

-- Plan catalog, seeded from seed/usage_plans.json. slug is the natural key. A NULL limit means none.
CREATE TABLE IF NOT EXISTS orchestrator.usage_plans (
    id                     uuid        PRIMARY KEY,
    slug                   text        NOT NULL UNIQUE,
    name                   text        NOT NULL,
    monthly_token_limit    bigint      NOT NULL CHECK (monthly_token_limit >= 0),
    daily_request_limit    integer     CHECK (daily_request_limit >= 0),
    max_tokens_per_request integer     CHECK (max_tokens_per_request > 0),
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now()
);

-- A user's plan assignments over time. A plan that is still assigned cannot be deleted (RESTRICT).
CREATE TABLE IF NOT EXISTS orchestrator.usage_quotas (
    id           uuid        PRIMARY KEY,
    user_id      uuid        NOT NULL REFERENCES orchestrator.users (id) ON DELETE CASCADE,
    plan_id      uuid        NOT NULL REFERENCES orchestrator.usage_plans (id) ON DELETE RESTRICT,
    effective_at timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CHECK (expires_at IS NULL OR expires_at > effective_at)
);
CREATE INDEX IF NOT EXISTS usage_quotas_user_id_effective_at_idx ON orchestrator.usage_quotas (user_id, effective_at DESC);
CREATE INDEX IF NOT EXISTS usage_quotas_plan_id_idx ON orchestrator.usage_quotas (plan_id);
-- at most one open-ended (active) quota per user and plan
CREATE UNIQUE INDEX IF NOT EXISTS usage_quotas_active_user_id_plan_id_key
    ON orchestrator.usage_quotas (user_id, plan_id) WHERE expires_at IS NULL;

-- Running totals per user and period (a period is a label such as '2026-11').
CREATE TABLE IF NOT EXISTS orchestrator.usage_counters (
    user_id                uuid          NOT NULL REFERENCES orchestrator.users (id) ON DELETE CASCADE,
    period                 text          NOT NULL,
    tokens_used            bigint        NOT NULL DEFAULT 0 CHECK (tokens_used >= 0),
    prompt_tokens_used     bigint        NOT NULL DEFAULT 0 CHECK (prompt_tokens_used >= 0),
    completion_tokens_used bigint        NOT NULL DEFAULT 0 CHECK (completion_tokens_used >= 0),
    cost_usd               numeric(12,6) NOT NULL DEFAULT 0 CHECK (cost_usd >= 0),
    request_count          integer       NOT NULL DEFAULT 0 CHECK (request_count >= 0),
    last_updated_at        timestamptz   NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, period)
);

-- Lifetime running totals per agent.
CREATE TABLE IF NOT EXISTS orchestrator.agent_usage_counters (
    agent_id               uuid          PRIMARY KEY REFERENCES orchestrator.agents (id) ON DELETE CASCADE,
    workspace_id           uuid          NOT NULL REFERENCES orchestrator.workspaces (id) ON DELETE CASCADE,
    tokens_used            bigint        NOT NULL DEFAULT 0 CHECK (tokens_used >= 0),
    prompt_tokens_used     bigint        NOT NULL DEFAULT 0 CHECK (prompt_tokens_used >= 0),
    completion_tokens_used bigint        NOT NULL DEFAULT 0 CHECK (completion_tokens_used >= 0),
    cost_usd               numeric(12,6) NOT NULL DEFAULT 0 CHECK (cost_usd >= 0),
    request_count          integer       NOT NULL DEFAULT 0 CHECK (request_count >= 0),
    last_updated_at        timestamptz   NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS agent_usage_counters_workspace_id_idx ON orchestrator.agent_usage_counters (workspace_id);
