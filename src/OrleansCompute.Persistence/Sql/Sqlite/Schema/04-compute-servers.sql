-- The server index (SqliteServerIndex): one row per server, written by its grain after each committed
-- change and read by the list API. Our own table, not used by Orleans. Idempotent: safe on every start.
-- Instants are unix microseconds (INTEGER) so that they sort and compare as numbers.
CREATE TABLE IF NOT EXISTS compute_servers
(
    -- Guid in lower-case "D" form, so text order is Nova's uuid order.
    id                TEXT    NOT NULL PRIMARY KEY,
    project_id        TEXT    NOT NULL,
    user_id           TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    vm_state          TEXT    NOT NULL,
    task_state        TEXT    NULL,
    power_state       INTEGER NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    deleted           INTEGER NOT NULL,
    deleted_at        INTEGER NULL,
    reservation_id    TEXT    NOT NULL,
    image_ref         TEXT    NOT NULL,
    flavor_id         TEXT    NOT NULL,
    host              TEXT    NULL,
    node              TEXT    NULL,
    availability_zone TEXT    NOT NULL,
    key_name          TEXT    NULL,
    locked            INTEGER NOT NULL,
    launch_index      INTEGER NOT NULL,
    progress          INTEGER NOT NULL,
    access_ip_v4      TEXT    NOT NULL,
    access_ip_v6      TEXT    NOT NULL,
    hostname          TEXT    NOT NULL,
    launched_at       INTEGER NULL,
    terminated_at     INTEGER NULL,
    config_drive      INTEGER NOT NULL,
    -- Columns added after the first release; ServerIndexMigration adds them to older files.
    description       TEXT    NULL,
    auto_disk_config  INTEGER NOT NULL DEFAULT 0,
    locked_by         TEXT    NULL,
    -- Fixed addresses of a built server, one per line (empty while building): the ip / ip6 filters.
    fixed_ipv4        TEXT    NOT NULL DEFAULT '',
    fixed_ipv6        TEXT    NOT NULL DEFAULT '',
    -- The tags as a JSON array, read with json_each by the tag filters.
    tags              TEXT    NOT NULL DEFAULT '[]',
    -- The snapshot's revision; an upsert only ever raises it.
    revision          INTEGER NOT NULL,
    -- The whole ServerSnapshot as JSON, so a list page renders without calling grains.
    snapshot          TEXT    NOT NULL
);

-- The default page (created_at desc, id desc) of one project, walked backwards by the planner.
CREATE INDEX IF NOT EXISTS ix_compute_servers_project_created ON compute_servers (project_id, created_at, id);
-- The same for all projects (admin all_tenants).
CREATE INDEX IF NOT EXISTS ix_compute_servers_created ON compute_servers (created_at, id);
-- changes-since / changes-before.
CREATE INDEX IF NOT EXISTS ix_compute_servers_updated ON compute_servers (updated_at);
-- Multi-create's reservation_id filter.
CREATE INDEX IF NOT EXISTS ix_compute_servers_reservation ON compute_servers (reservation_id);
-- An admin's status filter (vm_state) with the default order, and with the name order: read in order from the
-- index, so a page needs no sort over all matching rows (measured in tests/OrleansCompute.Benchmarks).
CREATE INDEX IF NOT EXISTS ix_compute_servers_state_created ON compute_servers (vm_state, created_at, id);
CREATE INDEX IF NOT EXISTS ix_compute_servers_state_name ON compute_servers (vm_state, name, created_at, id);
