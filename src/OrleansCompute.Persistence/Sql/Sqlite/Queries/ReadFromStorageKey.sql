-- Zero or one row (the unique identity index guarantees it; the limit documents it).
-- Every identity column is compared because the hashes collide; IS makes the extension null-safe.
SELECT PayloadBinary, Version
FROM OrleansStorage
WHERE GrainIdHash = @GrainIdHash
  AND GrainTypeHash = @GrainTypeHash
  AND ServiceId = @ServiceId
  AND GrainIdN0 = @GrainIdN0
  AND GrainIdN1 = @GrainIdN1
  AND GrainTypeString = @GrainTypeString
  AND GrainIdExtensionString IS @GrainIdExtensionString
LIMIT 1;
