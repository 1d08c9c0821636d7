-- OrleansCompute schema for PostgreSQL, part 4 of 5: reminders for UseAdoNetReminderService (contract §5).
-- Idempotent.
CREATE TABLE IF NOT EXISTS orleansreminderstable
(
    serviceid    varchar(150)   NOT NULL,
    -- GrainId.ToString(), "<grain type>/<key>"; text, because long keys can exceed 150 characters.
    grainid      text           NOT NULL,
    remindername varchar(150)   NOT NULL,
    -- First due time (UTC); the tick schedule is based on it.
    starttime    timestamptz(3) NOT NULL,
    -- Milliseconds.
    period       bigint         NOT NULL,
    -- GrainId.GetUniformHashCode() (a uint) stored as a signed 32-bit value; the ring range reads use it.
    grainhash    integer        NOT NULL,
    version      integer        NOT NULL,
    -- The upsert's conflict target.
    PRIMARY KEY (serviceid, grainid, remindername)
);

CREATE INDEX IF NOT EXISTS ix_orleansreminderstable_range ON orleansreminderstable (serviceid, grainhash);

INSERT INTO orleansquery (querykey, querytext) VALUES
(
    'ReadReminderRowsKey',
    $sql$
    SELECT grainid, remindername, starttime, period, version
    FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND grainid = @GrainId;
    $sql$
),
(
    'ReadReminderRowKey',
    $sql$
    SELECT grainid, remindername, starttime, period, version
    FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName;
    $sql$
),
(
    'ReadRangeRows1Key',
    -- The ring range (begin, end] when it does not wrap in signed order.
    $sql$
    SELECT grainid, remindername, starttime, period, version
    FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND grainhash > @BeginHash AND grainhash <= @EndHash;
    $sql$
),
(
    'ReadRangeRows2Key',
    -- The ring range when it wraps, and the whole ring when begin = end.
    $sql$
    SELECT grainid, remindername, starttime, period, version
    FROM orleansreminderstable
    WHERE serviceid = @ServiceId AND (grainhash > @BeginHash OR grainhash <= @EndHash);
    $sql$
),
(
    'UpsertReminderRowKey',
    -- Last writer wins: insert with version 0 or overwrite and add 1; the version is the reminder's ETag.
    $sql$
    INSERT INTO orleansreminderstable (serviceid, grainid, remindername, starttime, period, grainhash, version)
    VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
    ON CONFLICT (serviceid, grainid, remindername) DO UPDATE
    SET starttime = excluded.starttime,
        period = excluded.period,
        grainhash = excluded.grainhash,
        version = orleansreminderstable.version + 1
    RETURNING version;
    $sql$
),
(
    'DeleteReminderRowKey',
    -- Only at the expected version; exactly one column: rows deleted.
    $sql$
    WITH deleted AS
    (
        DELETE FROM orleansreminderstable
        WHERE serviceid = @ServiceId AND grainid = @GrainId AND remindername = @ReminderName AND version = @Version
        RETURNING 1
    )
    SELECT count(*)::integer FROM deleted;
    $sql$
),
(
    'DeleteReminderRowsKey',
    -- Tests only: every reminder of the service.
    $sql$
    DELETE FROM orleansreminderstable WHERE serviceid = @ServiceId;
    $sql$
)
ON CONFLICT (querykey) DO UPDATE
SET querytext = excluded.querytext
WHERE orleansquery.querytext IS DISTINCT FROM excluded.querytext;
