-- As many production chains begin: the extension without a schema, then the application's schema.
CREATE EXTENSION IF NOT EXISTS vector;
CREATE SCHEMA IF NOT EXISTS orchestrator;
