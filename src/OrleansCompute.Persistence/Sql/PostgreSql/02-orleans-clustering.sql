-- OrleansCompute schema for PostgreSQL, part 2 of 5: cluster membership for UseAdoNetClustering
-- (contract §3). Every membership change checks and bumps the table version in the same statement;
-- heartbeats do not touch it. Idempotent.

-- One row per cluster (ClusterId): the version is the optimistic-concurrency ETag of the whole table.
CREATE TABLE IF NOT EXISTS orleansmembershipversiontable
(
    deploymentid varchar(150)   NOT NULL PRIMARY KEY,
    -- Informational only; Orleans never reads it.
    timestamp    timestamptz(3) NOT NULL DEFAULT now(),
    version      integer        NOT NULL DEFAULT 0
);

-- One row per silo incarnation (address, port, generation).
CREATE TABLE IF NOT EXISTS orleansmembershiptable
(
    deploymentid varchar(150)   NOT NULL REFERENCES orleansmembershipversiontable (deploymentid),
    address      varchar(45)    NOT NULL,
    port         integer        NOT NULL,
    generation   integer        NOT NULL,
    siloname     varchar(150)   NOT NULL,
    hostname     varchar(150)   NOT NULL,
    -- SiloStatus: 3 Active, 6 Dead, ...
    status       integer        NOT NULL,
    -- The gateway port; 0 when the silo has no gateway.
    proxyport    integer        NOT NULL,
    -- Suspicion votes, "<ip>:<port>@<generation>,<utc time>" joined by "|".
    suspecttimes text           NULL,
    starttime    timestamptz(3) NOT NULL,
    iamalivetime timestamptz(3) NOT NULL,
    PRIMARY KEY (deploymentid, address, port, generation)
);

-- Dollar quoting keeps the texts exactly as Orleans runs them (no doubled quotes). Each text uses only the
-- parameters Orleans passes for its key.
INSERT INTO orleansquery (querykey, querytext) VALUES
(
    'InsertMembershipVersionKey',
    -- The version row with version 0, once; one column: 1 if inserted, 0 if it was there.
    $sql$
    WITH inserted AS
    (
        INSERT INTO orleansmembershipversiontable (deploymentid, version)
        VALUES (@DeploymentId, 0)
        ON CONFLICT (deploymentid) DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer FROM inserted;
    $sql$
),
(
    'MembershipReadAllKey',
    -- The version row joined to every member; a lone version row (member columns NULL) when there are none.
    $sql$
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
           m.suspecttimes, m.starttime, m.iamalivetime, v.version
    FROM orleansmembershipversiontable v
    LEFT JOIN orleansmembershiptable m ON m.deploymentid = v.deploymentid
    WHERE v.deploymentid = @DeploymentId;
    $sql$
),
(
    'MembershipReadRowKey',
    -- As MembershipReadAllKey, for one member: the key is in the join, so the version row always comes back.
    $sql$
    SELECT v.deploymentid, m.address, m.port, m.generation, m.siloname, m.hostname, m.status, m.proxyport,
           m.suspecttimes, m.starttime, m.iamalivetime, v.version
    FROM orleansmembershipversiontable v
    LEFT JOIN orleansmembershiptable m
        ON m.deploymentid = v.deploymentid AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
    WHERE v.deploymentid = @DeploymentId;
    $sql$
),
(
    'InsertMembershipKey',
    -- One statement, so atomic: bump the version only if it is still @Version and the member is new, and insert
    -- the member only if the bump happened. A racing writer waits on the version row, then fails the version
    -- test. A duplicate key raises an error, which rolls the bump back too. One column: rows inserted.
    $sql$
    WITH bumped AS
    (
        UPDATE orleansmembershipversiontable
        SET version = version + 1, timestamp = now()
        WHERE deploymentid = @DeploymentId
          AND version = @Version
          AND NOT EXISTS (SELECT 1 FROM orleansmembershiptable
                          WHERE deploymentid = @DeploymentId AND address = @Address
                            AND port = @Port AND generation = @Generation)
        RETURNING deploymentid
    ),
    inserted AS
    (
        INSERT INTO orleansmembershiptable
            (deploymentid, address, port, generation, siloname, hostname, status, proxyport, starttime, iamalivetime)
        SELECT deploymentid, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
               @StartTime, @IAmAliveTime
        FROM bumped
        RETURNING 1
    )
    SELECT count(*)::integer FROM inserted;
    $sql$
),
(
    'UpdateMembershipKey',
    -- As the insert: bump the version only if it is still @Version and the member exists, and update the
    -- member only if the bump happened. One column: rows updated.
    $sql$
    WITH bumped AS
    (
        UPDATE orleansmembershipversiontable
        SET version = version + 1, timestamp = now()
        WHERE deploymentid = @DeploymentId
          AND version = @Version
          AND EXISTS (SELECT 1 FROM orleansmembershiptable
                      WHERE deploymentid = @DeploymentId AND address = @Address
                        AND port = @Port AND generation = @Generation)
        RETURNING deploymentid
    ),
    updated AS
    (
        UPDATE orleansmembershiptable m
        SET status = @Status, suspecttimes = @SuspectTimes, iamalivetime = @IAmAliveTime
        FROM bumped
        WHERE m.deploymentid = bumped.deploymentid AND m.address = @Address
          AND m.port = @Port AND m.generation = @Generation
        RETURNING 1
    )
    SELECT count(*)::integer FROM updated;
    $sql$
),
(
    'UpdateIAmAlivetimeKey',
    -- The heartbeat: no version check and no bump.
    $sql$
    UPDATE orleansmembershiptable
    SET iamalivetime = @IAmAliveTime
    WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation;
    $sql$
),
(
    'GatewaysQueryKey',
    -- What external clients connect to: members with that status (Active) and a gateway.
    $sql$
    SELECT address, proxyport, generation
    FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId AND status = @Status AND proxyport > 0;
    $sql$
),
(
    'CleanupDefunctSiloEntriesKey',
    -- Rows of silos that are not Active (3) and went quiet before the cut-off.
    $sql$
    DELETE FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId AND iamalivetime < @IAmAliveTime AND status <> 3;
    $sql$
),
(
    'CleanupDefunctSiloEntryKey',
    -- Optional in Orleans 10.4.2, preferred when present: compare-and-delete one Dead (6) row that Orleans just
    -- read, only if nothing about it changed since.
    $sql$
    DELETE FROM orleansmembershiptable
    WHERE deploymentid = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation
      AND status = 6
      AND starttime = @StartTime
      AND iamalivetime = @IAmAliveTime
      AND suspecttimes IS NOT DISTINCT FROM @SuspectTimes;
    $sql$
),
(
    'DeleteMembershipTableEntriesKey',
    -- Tests and tooling only: the cluster's members, then its version row.
    $sql$
    DELETE FROM orleansmembershiptable WHERE deploymentid = @DeploymentId;
    DELETE FROM orleansmembershipversiontable WHERE deploymentid = @DeploymentId;
    $sql$
)
ON CONFLICT (querykey) DO UPDATE
SET querytext = excluded.querytext
WHERE orleansquery.querytext IS DISTINCT FROM excluded.querytext;
