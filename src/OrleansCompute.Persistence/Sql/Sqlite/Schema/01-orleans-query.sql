-- The registry of query texts that Orleans' ADO.NET providers look up by key at start-up.
-- Our own text, written to shared/notes/orleans-adonet-contract.md §2. Idempotent: safe on every start.
-- The rows themselves are written from C# with parameters (SqliteSchema), one file per key in ../Queries,
-- so a re-run replaces changed texts and no quote inside a text needs escaping.
CREATE TABLE IF NOT EXISTS OrleansQuery
(
    -- A non-integer primary key accepts NULL in SQLite unless told otherwise.
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);
