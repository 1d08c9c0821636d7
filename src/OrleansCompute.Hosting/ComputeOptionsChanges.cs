namespace OrleansCompute.Hosting;

/// <summary>
/// The <see cref="ComputeOptions"/> values code changed in <see cref="ComputeSiloOptions.Hosting"/>, as one
/// post-configuration: only those win over configuration, so a key configured later (or reloaded) still applies
/// where code left it alone.
/// </summary>
internal static class ComputeOptionsChanges
{
    /// <summary>Null when code changed nothing.</summary>
    public static Action<ComputeOptions>? Between(ComputeOptions configured, ComputeOptions chosen)
    {
        Action<ComputeOptions>? changes = null;
        void Keep<T>(T before, T after, Action<ComputeOptions> set)
        {
            if (!EqualityComparer<T>.Default.Equals(before, after))
            {
                changes += set;
            }
        }

        Keep(configured.Mode, chosen.Mode, o => o.Mode = chosen.Mode);
        Keep(configured.DataDirectory, chosen.DataDirectory, o => o.DataDirectory = chosen.DataDirectory);
        Keep(configured.ServiceId, chosen.ServiceId, o => o.ServiceId = chosen.ServiceId);
        Keep(configured.ClusterId, chosen.ClusterId, o => o.ClusterId = chosen.ClusterId);
        Keep(configured.SiloPort, chosen.SiloPort, o => o.SiloPort = chosen.SiloPort);
        Keep(configured.GatewayPort, chosen.GatewayPort, o => o.GatewayPort = chosen.GatewayPort);
        Keep(configured.AdvertisedAddress, chosen.AdvertisedAddress, o => o.AdvertisedAddress = chosen.AdvertisedAddress);
        Keep(configured.MinimumReminderPeriod, chosen.MinimumReminderPeriod, o => o.MinimumReminderPeriod = chosen.MinimumReminderPeriod);
        return changes;
    }
}
