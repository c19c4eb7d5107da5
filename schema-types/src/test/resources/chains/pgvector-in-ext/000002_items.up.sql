CREATE SCHEMA IF NOT EXISTS app;

CREATE TABLE IF NOT EXISTS app.items (
    id        integer PRIMARY KEY,
    embedding ext.vector(3),
    half      ext.halfvec(3),
    sparse    ext.sparsevec(8),
    bits      bit(8)
);
