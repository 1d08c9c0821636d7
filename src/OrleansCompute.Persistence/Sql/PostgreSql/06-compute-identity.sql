-- OrleansCompute schema for PostgreSQL, part 6: what the built-in identity service (Compute:Auth:Mode=identity)
-- shares between every node of a cluster, so that a token issued by one node validates on every other node and a
-- generated password is the same everywhere. Embedded mode keeps the same things in its data directory instead.
-- Our own tables, not used by Orleans. Idempotent.

-- Passwords generated for users that have none configured. The first node to start inserts them
-- (INSERT ... ON CONFLICT DO NOTHING) and every node reads back what is stored, so concurrent first starts agree.
CREATE TABLE IF NOT EXISTS compute_identity_passwords
(
    user_name  text        COLLATE "C" NOT NULL PRIMARY KEY,
    password   text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- The token key ring: ASP.NET Core Data Protection key elements (XML), one row per key. The first key is created
-- under an advisory lock, so nodes starting together make one key, not one each; later keys are rolled by Data
-- Protection ahead of their activation, so every node sees them before they are used.
CREATE TABLE IF NOT EXISTS compute_identity_token_keys
(
    name       text        COLLATE "C" NOT NULL PRIMARY KEY,
    xml        text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
