-- Two statements, mutually exclusive on @GrainStateVersion, each atomic by itself, so the text needs no
-- transaction and can never leave one open. At most one of them returns a row; none means a conflict.
-- 1. Known version: update only if the stored version still matches.
UPDATE OrleansStorage
SET PayloadBinary = @PayloadBinary,
    ModifiedOn = strftime('%Y-%m-%d %H:%M:%f', 'now'),
    Version = Version + 1
WHERE @GrainStateVersion IS NOT NULL
  AND GrainIdHash = @GrainIdHash
  AND GrainTypeHash = @GrainTypeHash
  AND ServiceId = @ServiceId
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS @GrainIdExtensionString
  AND Version = @GrainStateVersion
RETURNING Version AS NewGrainStateVersion;
-- 2. No version: insert version 1 only if no row has this identity (a write statement reads under the
--    write lock, so the check and the insert are one step; the unique index backs it up).
INSERT INTO OrleansStorage
    (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
     ServiceId, PayloadBinary, ModifiedOn, Version)
SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
       @ServiceId, @PayloadBinary, strftime('%Y-%m-%d %H:%M:%f', 'now'), 1
WHERE @GrainStateVersion IS NULL
  AND NOT EXISTS (SELECT 1
                  FROM OrleansStorage
                  WHERE GrainIdHash = @GrainIdHash
                    AND GrainTypeHash = @GrainTypeHash
                    AND ServiceId = @ServiceId
                    AND GrainIdN0 = @GrainIdN0
                    AND GrainIdN1 = @GrainIdN1
                    AND GrainTypeString = @GrainTypeString
                    AND GrainIdExtensionString IS @GrainIdExtensionString)
ON CONFLICT DO NOTHING
RETURNING Version AS NewGrainStateVersion;
