CREATE SCHEMA IF NOT EXISTS app;

CREATE TABLE IF NOT EXISTS app.items (
    id        integer PRIMARY KEY,
    embedding public.vector(3),
    half      public.halfvec(3),
    sparse    public.sparsevec(8),
    bits      bit(8)
);
