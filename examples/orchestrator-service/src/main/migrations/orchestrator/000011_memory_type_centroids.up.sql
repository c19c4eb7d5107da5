-- 000011_memory_type_centroids: one centroid embedding per memory type, recomputed by a batch job and
-- used to classify new drawers. memory_type is the natural key, source_hash identifies the sample the
-- centroid was computed from (so the job can skip unchanged types).
CREATE TABLE IF NOT EXISTS orchestrator.memory_type_centroids (
    id           uuid                PRIMARY KEY,
    memory_type  text                NOT NULL UNIQUE,
    centroid     public.vector(1536) NOT NULL,
    sample_count integer             NOT NULL CHECK (sample_count >= 0),
    computed_at  timestamptz         NOT NULL DEFAULT now(),
    source_hash  text                NOT NULL
);
