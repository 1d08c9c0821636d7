-- OrleansCompute's network index: one row per network, subnet, port, security group, rule and floating IP,
-- written by the resource's grain after each committed change and read by the network API's lists. Our own
-- table, not used by Orleans. The same text on SQLite and PostgreSQL. Idempotent: safe on every start.
CREATE TABLE IF NOT EXISTS compute_neutron_resources
(
    -- network, subnet, port, security_group, security_group_rule, floatingip
    kind           VARCHAR(32)  NOT NULL,
    id             VARCHAR(64)  NOT NULL,
    -- Empty for the networks made from configuration, which belong to no project.
    project_id     VARCHAR(255) NOT NULL,
    -- The network of a subnet or port, the group of a rule, the port of a floating IP; empty otherwise.
    parent_id      VARCHAR(64)  NOT NULL,
    -- 1 for shared or external networks and their subnets: every project lists them.
    visible_to_all INTEGER      NOT NULL,
    -- The resource's revision_number; an upsert only ever raises it.
    revision       BIGINT       NOT NULL,
    -- The resource as JSON, so a list renders without calling grains.
    body           TEXT         NOT NULL,
    PRIMARY KEY (kind, id)
);

CREATE INDEX IF NOT EXISTS ix_compute_neutron_resources_project ON compute_neutron_resources (kind, project_id);
CREATE INDEX IF NOT EXISTS ix_compute_neutron_resources_parent ON compute_neutron_resources (kind, parent_id);
