-- One reminder, or no row.
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND GrainId = @GrainId
  AND ReminderName = @ReminderName;
