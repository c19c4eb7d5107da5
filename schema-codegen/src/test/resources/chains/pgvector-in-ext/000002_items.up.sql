CREATE SCHEMA IF NOT EXISTS orchestrator;

CREATE TABLE IF NOT EXISTS orchestrator.items (
    id        uuid PRIMARY KEY,
    embedding ext.vector(3),
    half      ext.halfvec(3),
    sparse    ext.sparsevec(5),
    bits      bit(4)
);
