-- A test chain shaped differently from ours: pgvector lives in a schema of its own, on no connection's search path.
CREATE SCHEMA IF NOT EXISTS ext;
CREATE EXTENSION IF NOT EXISTS vector WITH SCHEMA ext;
