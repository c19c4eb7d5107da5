-- A test chain: pgvector in public, the usual place.
CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA public;
