-- crawbl:no-transaction
-- 000008_ivfflat_index: approximate nearest-neighbour index for memory recall
-- (ORDER BY embedding <=> query LIMIT k, cosine distance).
--
-- Why IVFFlat and not HNSW: HNSW recalls better, but its build is many times slower and wants the
-- whole graph in maintenance_work_mem, and it computes far more distances per inserted vector. On CPUs
-- without AVX2, where pgvector's distance functions lose their wide SIMD path, that cost grows further.
-- IVFFlat builds in a fraction of the time and memory and recalls well enough at this size.
--
-- Why lists = 100: pgvector's guidance is lists = rows / 1000 up to 1M rows and sqrt(rows) above.
-- Sized for about 100k drawers with an embedding across all workspaces (a few thousand per active
-- workspace), so 100 lists of about 1000 vectors each. Queries set ivfflat.probes to about
-- sqrt(lists), e.g. 10, for better recall (the default of 1 probe is fast but misses neighbours).
-- IVFFlat learns its centroids from the rows present at build time (on an empty table pgvector notes
-- that the index was created with little data). Once the table holds real data, and again when it has
-- grown well past this estimate, rebuild it in a new no-transaction migration:
-- ALTER INDEX ... SET (lists = N) if N changes, then REINDEX INDEX CONCURRENTLY.
--
-- Built CONCURRENTLY so writes to memory_drawers go on during the build, which is why this file runs
-- outside a transaction (the directive on the first line) and holds a single statement.
-- If a build fails it leaves an INVALID index that IF NOT EXISTS would then skip: drop it with
-- DROP INDEX CONCURRENTLY IF EXISTS orchestrator.memory_drawers_embedding_ivfflat_idx and migrate again.
CREATE INDEX CONCURRENTLY IF NOT EXISTS memory_drawers_embedding_ivfflat_idx
    ON orchestrator.memory_drawers
    USING ivfflat (embedding public.vector_cosine_ops)
    WITH (lists = 100);
