-- Used when (int)begin < (int)end: the ring range (begin, end] does not wrap in signed order.
SELECT GrainId, ReminderName, StartTime, Period, Version
FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId
  AND GrainHash > @BeginHash
  AND GrainHash <= @EndHash;
