-- OrleansCompute schema for PostgreSQL, part 5 of 5: the server index (PostgresServerIndex), one row per
-- server, written by its grain after each committed change and read by the list API. Our own table, not
-- used by Orleans. Idempotent.
-- It keeps SqliteServerIndex's semantics exactly: instants are unix microseconds (bigint), text sorts by
-- code point (COLLATE "C", as SQLite's BINARY), and the queries spell out SQLite's NULL order.
CREATE TABLE IF NOT EXISTS compute_servers
(
    -- uuid order is the order of Nova's lower-case uuid strings.
    id                uuid    NOT NULL PRIMARY KEY,
    project_id        text    COLLATE "C" NOT NULL,
    user_id           text    COLLATE "C" NOT NULL,
    name              text    COLLATE "C" NOT NULL,
    vm_state          text    COLLATE "C" NOT NULL,
    task_state        text    COLLATE "C" NULL,
    power_state       integer NOT NULL,
    created_at        bigint  NOT NULL,
    updated_at        bigint  NOT NULL,
    deleted           boolean NOT NULL,
    deleted_at        bigint  NULL,
    reservation_id    text    COLLATE "C" NOT NULL,
    image_ref         text    COLLATE "C" NOT NULL,
    flavor_id         text    COLLATE "C" NOT NULL,
    host              text    COLLATE "C" NULL,
    node              text    COLLATE "C" NULL,
    availability_zone text    COLLATE "C" NOT NULL,
    key_name          text    COLLATE "C" NULL,
    locked            boolean NOT NULL,
    launch_index      integer NOT NULL,
    progress          integer NOT NULL,
    access_ip_v4      text    COLLATE "C" NOT NULL,
    access_ip_v6      text    COLLATE "C" NOT NULL,
    hostname          text    COLLATE "C" NOT NULL,
    launched_at       bigint  NULL,
    terminated_at     bigint  NULL,
    config_drive      boolean NOT NULL,
    description       text    COLLATE "C" NULL,
    auto_disk_config  boolean NOT NULL,
    locked_by         text    COLLATE "C" NULL,
    -- Fixed addresses of a built server, one per line (empty while building): the ip / ip6 filters.
    fixed_ipv4        text    NOT NULL,
    fixed_ipv6        text    NOT NULL,
    -- The tags, for the tag filters (array containment and overlap).
    tags              text[]  NOT NULL,
    -- The snapshot's revision; an upsert only ever raises it.
    revision          bigint  NOT NULL,
    -- The whole ServerSnapshot as JSON, so a list page renders without calling grains.
    snapshot          jsonb   NOT NULL
);

-- The default page (created_at desc, id desc) of one project, walked backwards by the planner.
CREATE INDEX IF NOT EXISTS ix_compute_servers_project_created ON compute_servers (project_id, created_at, id);
-- The same for all projects (admin all_tenants).
CREATE INDEX IF NOT EXISTS ix_compute_servers_created ON compute_servers (created_at, id);
-- changes-since / changes-before.
CREATE INDEX IF NOT EXISTS ix_compute_servers_updated ON compute_servers (updated_at);
-- Multi-create's reservation_id filter.
CREATE INDEX IF NOT EXISTS ix_compute_servers_reservation ON compute_servers (reservation_id);
-- An admin's status filter (vm_state) with the default order, and with the name order.
CREATE INDEX IF NOT EXISTS ix_compute_servers_state_created ON compute_servers (vm_state, created_at, id);
CREATE INDEX IF NOT EXISTS ix_compute_servers_state_name ON compute_servers (vm_state, name, created_at, id);
