-- OrleansCompute's image index: one row per image record (snapshots and uploaded images; the configured images
-- are not here), written by the image's grain after each committed change and read by the image lists. Our own
-- table, not used by Orleans. The same text on SQLite and PostgreSQL. Idempotent: safe on every start.
CREATE TABLE IF NOT EXISTS compute_images
(
    id               VARCHAR(64)  NOT NULL PRIMARY KEY,
    -- Glance's owner; empty when nobody owns it.
    owner_project_id VARCHAR(255) NOT NULL,
    -- private, shared, community or public.
    visibility       VARCHAR(16)  NOT NULL,
    -- The members as '|project=status|project=status|' ('|' alone when none): the shared-with filter of a list.
    members          TEXT         NOT NULL,
    -- Unix microseconds: lists read oldest first.
    created_at       BIGINT       NOT NULL,
    -- The image grain's revision; an upsert only ever raises it.
    revision         BIGINT       NOT NULL,
    -- The record as JSON, so a list renders without calling grains.
    body             TEXT         NOT NULL
);

CREATE INDEX IF NOT EXISTS ix_compute_images_owner ON compute_images (owner_project_id, created_at);
CREATE INDEX IF NOT EXISTS ix_compute_images_visibility ON compute_images (visibility, created_at);
