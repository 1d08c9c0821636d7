-- OrleansCompute schema for PostgreSQL (15 or later), part 1 of 5: the registry of query texts that Orleans'
-- ADO.NET providers (clustering, storage, reminders) load by key at start-up.
-- Our own text, written to shared/notes/orleans-adonet-contract.md §2; not upstream's scripts.
-- Every file is idempotent: run them in file-name order, as often as you like (a re-run replaces changed texts).
-- Identifiers are unquoted on purpose: Orleans reads this table as unquoted orleansquery.
CREATE TABLE IF NOT EXISTS orleansquery
(
    querykey  varchar(64) NOT NULL PRIMARY KEY,
    querytext text        NOT NULL
);
