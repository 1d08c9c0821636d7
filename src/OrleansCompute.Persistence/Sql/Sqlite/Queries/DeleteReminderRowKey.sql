-- Delete only on a matching version. Orleans needs exactly one row with one column, non-zero when a row
-- went away, so the count comes from a second statement (a DELETE ... RETURNING would give no row).
DELETE FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND GrainId = @GrainId
  AND ReminderName = @ReminderName
  AND Version = @Version;
SELECT changes();
