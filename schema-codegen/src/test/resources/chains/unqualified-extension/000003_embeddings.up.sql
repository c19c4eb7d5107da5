-- The type named with its schema, as code that runs with search_path=orchestrator must.
CREATE TABLE orchestrator.document_embeddings (
    document_id bigint PRIMARY KEY REFERENCES orchestrator.documents (id) ON DELETE CASCADE,
    embedding   public.vector(1536) NOT NULL
);
