-- 000009_users_email_unique: one account per email address.
-- A unique index rather than a constraint because CREATE UNIQUE INDEX has IF NOT EXISTS.
-- Fails, and changes nothing, if duplicate emails already exist: resolve them first.
CREATE UNIQUE INDEX IF NOT EXISTS users_email_key ON orchestrator.users (email);
