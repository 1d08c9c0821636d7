-- Reminders of UseAdoNetReminderService (contract §5). Idempotent: safe on every start.
CREATE TABLE IF NOT EXISTS OrleansRemindersTable
(
    ServiceId    TEXT    NOT NULL,
    -- GrainId.ToString(), "<grain type>/<key>".
    GrainId      TEXT    NOT NULL,
    ReminderName TEXT    NOT NULL,
    -- UTC text as Microsoft.Data.Sqlite formats a DateTime ("yyyy-MM-dd HH:mm:ss.FFFFFFF").
    StartTime    TEXT    NOT NULL,
    -- Milliseconds.
    Period       INTEGER NOT NULL,
    -- GrainId.GetUniformHashCode() (a uint) stored as a signed 32-bit value; the ring range reads use it.
    GrainHash    INTEGER NOT NULL,
    Version      INTEGER NOT NULL,
    -- The upsert's conflict target.
    PRIMARY KEY (ServiceId, GrainId, ReminderName)
);

CREATE INDEX IF NOT EXISTS IX_OrleansRemindersTable_Range ON OrleansRemindersTable (ServiceId, GrainHash);
