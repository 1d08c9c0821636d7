-- Keeps the row with a NULL payload and a higher version, so the next write is an update of this row.
-- The new version is read from column 0; no row means a conflict.
UPDATE OrleansStorage
SET PayloadBinary = NULL,
    ModifiedOn = strftime('%Y-%m-%d %H:%M:%f', 'now'),
    Version = Version + 1
WHERE GrainIdHash = @GrainIdHash
  AND GrainTypeHash = @GrainTypeHash
  AND ServiceId = @ServiceId
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS @GrainIdExtensionString
  AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
