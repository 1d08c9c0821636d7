-- Grain state of AddAdoNetGrainStorage (contract §4). Orleans computes every identity value in .NET;
-- the database stores and compares them. Idempotent: safe on every start.
CREATE TABLE IF NOT EXISTS OrleansStorage
(
    GrainIdHash            INTEGER NOT NULL,
    GrainIdN0              INTEGER NOT NULL,
    GrainIdN1              INTEGER NOT NULL,
    GrainTypeHash          INTEGER NOT NULL,
    -- The state name ([PersistentState("name")]), not the grain type.
    GrainTypeString        TEXT    NOT NULL,
    -- The key extension or the whole string key; NULL for plain integer and Guid keys.
    GrainIdExtensionString TEXT    NULL,
    ServiceId              TEXT    NOT NULL,
    -- NULL means "cleared" (ClearStorageKey keeps the row so its version goes on rising).
    PayloadBinary          BLOB    NULL,
    -- Informational only; Orleans never reads it.
    ModifiedOn             TEXT    NOT NULL,
    -- The ETag; always set, and kept within 32 bits by Orleans' own use.
    Version                INTEGER NOT NULL
);

-- One row per identity, enforced by the database rather than only by the write text's "not exists".
-- The hashes lead so that the index stays selective; NULL extensions are folded into the key with
-- "IS NULL" because a SQLite unique index treats NULLs as distinct.
CREATE UNIQUE INDEX IF NOT EXISTS UX_OrleansStorage_Identity ON OrleansStorage
(
    GrainIdHash,
    GrainTypeHash,
    ServiceId,
    GrainIdN0,
    GrainIdN1,
    GrainTypeString,
    GrainIdExtensionString IS NULL,
    ifnull(GrainIdExtensionString, '')
);
