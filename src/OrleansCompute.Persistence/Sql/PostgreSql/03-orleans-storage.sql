-- OrleansCompute schema for PostgreSQL, part 3 of 5: grain state for AddAdoNetGrainStorage (contract §4).
-- Orleans computes every identity value in .NET; the database stores and compares them. Idempotent.
CREATE TABLE IF NOT EXISTS orleansstorage
(
    grainidhash            integer      NOT NULL,
    grainidn0              bigint       NOT NULL,
    grainidn1              bigint       NOT NULL,
    graintypehash          integer      NOT NULL,
    -- The state name ([PersistentState("name")]), not the grain type.
    graintypestring        varchar(512) NOT NULL,
    -- The key extension or the whole string key; NULL for plain integer and Guid keys.
    grainidextensionstring varchar(512) NULL,
    serviceid              varchar(150) NOT NULL,
    -- NULL means "cleared" (ClearStorageKey keeps the row so that its version goes on rising).
    payloadbinary          bytea        NULL,
    -- Informational only; Orleans never reads it.
    modifiedon             timestamptz  NOT NULL,
    -- The ETag; always set.
    version                integer      NOT NULL
);

-- One row per identity, enforced by the database: two first writes of one grain racing under READ COMMITTED
-- would otherwise both insert. The hashes lead so that the index stays selective. NULLS NOT DISTINCT (PostgreSQL
-- 15+) makes rows without an extension unique too.
CREATE UNIQUE INDEX IF NOT EXISTS ux_orleansstorage_identity ON orleansstorage
    (grainidhash, graintypehash, serviceid, grainidn0, grainidn1, graintypestring, grainidextensionstring)
    NULLS NOT DISTINCT;

-- Every text compares the whole identity (hashes collide), the extension null-safely.
INSERT INTO orleansquery (querykey, querytext) VALUES
(
    'ReadFromStorageKey',
    $sql$
    SELECT payloadbinary, version
    FROM orleansstorage
    WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
      AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString;
    $sql$
),
(
    'WriteToStorageKey',
    -- Two statements that exclude each other through @GrainStateVersion, each atomic by itself, so no
    -- transaction is needed: a version-checked update, or (no version yet) an insert that the unique index turns
    -- into nothing when the row exists. No row back means a version conflict to Orleans.
    $sql$
    UPDATE orleansstorage
    SET payloadbinary = @PayloadBinary, modifiedon = now(), version = version + 1
    WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
      AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version AS newgrainstateversion;
    INSERT INTO orleansstorage
        (grainidhash, grainidn0, grainidn1, graintypehash, graintypestring, grainidextensionstring, serviceid,
         payloadbinary, modifiedon, version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
           @ServiceId, @PayloadBinary, now(), 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version AS newgrainstateversion;
    $sql$
),
(
    'ClearStorageKey',
    -- Keeps the row with a NULL payload, so the version goes on rising; the new version in column 0.
    $sql$
    UPDATE orleansstorage
    SET payloadbinary = NULL, modifiedon = now(), version = version + 1
    WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
      AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version AS newgrainstateversion;
    $sql$
),
(
    'DeleteStorageKey',
    -- Used instead of the clear with DeleteStateOnClear = true; column 0 must differ from the old version.
    $sql$
    DELETE FROM orleansstorage
    WHERE grainidhash = @GrainIdHash AND graintypehash = @GrainTypeHash AND serviceid = @ServiceId
      AND grainidn0 = @GrainIdN0 AND grainidn1 = @GrainIdN1 AND graintypestring = @GrainTypeString
      AND grainidextensionstring IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version + 1 AS newgrainstateversion;
    $sql$
)
ON CONFLICT (querykey) DO UPDATE
SET querytext = excluded.querytext
WHERE orleansquery.querytext IS DISTINCT FROM excluded.querytext;
