-- Identity ids and a column the database computes: neither may be written by an insert.
CREATE TABLE orchestrator.documents (
    id         bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title      text        NOT NULL,
    body       text        NOT NULL DEFAULT '',
    slug       text        GENERATED ALWAYS AS (lower(replace(title, ' ', '-'))) STORED,
    pinned     boolean     DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
);
