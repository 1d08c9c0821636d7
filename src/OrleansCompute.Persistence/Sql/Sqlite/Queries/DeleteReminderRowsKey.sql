-- Every reminder of the service (IReminderTable.TestOnlyClearTable); the result is ignored.
DELETE FROM OrleansRemindersTable
WHERE ServiceId = @ServiceId;
