-- 001_llm_usage: LLM usage analytics.
-- llm_usage holds one row per LLM call. llm_usage_daily is its per-day rollup, filled by the
-- materialized view llm_usage_daily_mv on every insert into llm_usage.
-- Names are not qualified with a database: the engine runs this in the database it targets.

CREATE TABLE IF NOT EXISTS llm_usage
(
    event_id               UUID,
    event_time             DateTime64(3, 'UTC'),
    user_id                UUID,
    workspace_id           UUID,
    conversation_id        UUID,
    message_id             String,
    agent_id               String,
    agent_db_id            UUID,
    model                  String,
    provider               String,
    prompt_tokens          Int32,
    completion_tokens      Int32,
    total_tokens           Int32,
    tool_use_prompt_tokens Int32,
    thoughts_tokens        Int32,
    cached_tokens          Int32,
    cost_usd               Decimal64(6),
    call_sequence          Int32,
    turn_id                String,
    session_id             String
)
ENGINE = MergeTree
PARTITION BY toYYYYMM(event_time)
ORDER BY (user_id, workspace_id, event_time, event_id)
TTL toDateTime(event_time) + INTERVAL 13 MONTH;

-- SummingMergeTree adds up the listed columns of rows with the same sorting key when parts merge.
-- Merging happens in the background, so readers still aggregate: sum(...) GROUP BY the key.
CREATE TABLE IF NOT EXISTS llm_usage_daily
(
    user_id                 UUID,
    workspace_id            UUID,
    day                     Date,
    model                   String,
    agent_id                String,
    total_prompt_tokens     Int64,
    total_completion_tokens Int64,
    total_tokens            Int64,
    total_cost_usd          Decimal128(6),
    request_count           Int64
)
ENGINE = SummingMergeTree((total_prompt_tokens, total_completion_tokens, total_tokens, total_cost_usd, request_count))
PARTITION BY toYYYYMM(day)
ORDER BY (user_id, workspace_id, day, model, agent_id)
TTL day + INTERVAL 25 MONTH;

-- Each insert block into llm_usage is summed per (user, workspace, UTC day, model, agent) and
-- appended to llm_usage_daily. Rows inserted before the view existed are not rolled up.
CREATE MATERIALIZED VIEW IF NOT EXISTS llm_usage_daily_mv TO llm_usage_daily AS
SELECT
    user_id,
    workspace_id,
    toDate(event_time)          AS day,
    model,
    agent_id,
    sum(toInt64(prompt_tokens))     AS total_prompt_tokens,
    sum(toInt64(completion_tokens)) AS total_completion_tokens,
    sum(toInt64(total_tokens))      AS total_tokens,
    sum(toDecimal128(cost_usd, 6))  AS total_cost_usd,
    toInt64(count())                AS request_count
FROM llm_usage
GROUP BY user_id, workspace_id, day, model, agent_id;
