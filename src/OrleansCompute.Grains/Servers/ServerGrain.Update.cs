using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Quotas;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers;

/// <summary>
/// The synchronous per-server writes of the API: <c>PUT /servers/{id}</c>, metadata and tags. Each is one commit;
/// an operation in flight keeps running and keeps its persisted pending record.
/// </summary>
internal sealed partial class ServerGrain
{
    /// <summary>Nova's <c>MAX_TAG_COUNT</c>.</summary>
    internal const int MaxTagCount = 50;

    public async Task<ServerSnapshot> UpdateAsync(CallerContext caller, ServerUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        var server = Visible(caller);
        var pinned = PinnedZoneAfter(server, update);

        await CommitAsync(
            s => s with
            {
                Name = update.Name ?? s.Name,
                Description = update.DescriptionGiven ? update.Description : s.Description,
                AccessIPv4 = update.AccessIPv4 ?? s.AccessIPv4,
                AccessIPv6 = update.AccessIPv6 ?? s.AccessIPv6,
                DiskConfig = update.DiskConfig ?? s.DiskConfig,
                Hostname = update.Hostname ?? s.Hostname,
                PinnedAvailabilityZone = pinned,
            },
            state.State.Pending);
        return Current();
    }

    public async Task<IReadOnlyDictionary<string, string>> ChangeMetadataAsync(CallerContext caller, MetadataChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var server = Visible(caller);
        EnsureWritable(ServerLifecycle.Writes[change.DeleteKey is null ? ServerWrite.UpdateMetadata : ServerWrite.DeleteMetadata], server, caller);

        Dictionary<string, string> metadata;
        if (change.DeleteKey is { } key)
        {
            if (!server.Metadata.ContainsKey(key))
            {
                throw ComputeFaultException.NotFound("Metadata item was not found");
            }

            metadata = server.Metadata.Where(item => item.Key != key).ToDictionary(StringComparer.Ordinal);
        }
        else
        {
            metadata = change.Replace ? new Dictionary<string, string>(StringComparer.Ordinal) : server.Metadata.ToDictionary(StringComparer.Ordinal);
            foreach (var (name, value) in change.Items)
            {
                metadata[name] = value;
            }

            // The project's metadata_items quota (-1 is unlimited); a read of the project grain, only on writes.
            var limit = (await GrainFactory.GetGrain<IProjectGrain>(server.ProjectId).GetQuotaAsync()).Limits.MetadataItems;
            if (limit >= 0 && metadata.Count > limit)
            {
                throw ComputeFaultException.Forbidden($"Maximum number of metadata items exceeds {limit}");
            }
        }

        await CommitAsync(s => s with { Metadata = metadata }, state.State.Pending);
        return metadata;
    }

    public async Task<TagChangeResult> ChangeTagsAsync(CallerContext caller, TagChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var server = Visible(caller);
        var write = change.Kind switch
        {
            TagChangeKind.ReplaceAll => ServerWrite.ReplaceTags,
            TagChangeKind.Add => ServerWrite.AddTag,
            TagChangeKind.Remove => ServerWrite.RemoveTag,
            _ => ServerWrite.RemoveTags,
        };
        EnsureWritable(ServerLifecycle.Writes[write], server, caller);

        List<string> tags;
        var added = false;
        switch (change.Kind)
        {
            case TagChangeKind.ReplaceAll:
                tags = [.. change.Tags.Distinct(StringComparer.Ordinal)];
                break;
            case TagChangeKind.Add:
                // Nova counts first: a server at the limit gets a 400 even for a tag it already has.
                if (server.Tags.Count >= MaxTagCount)
                {
                    throw ComputeFaultException.BadRequest($"The number of tags exceeded the per-server limit {MaxTagCount}");
                }

                if (server.Tags.Contains(change.Tag!, StringComparer.Ordinal))
                {
                    return new TagChangeResult { Tags = server.Tags, Added = false };
                }

                tags = [.. server.Tags, change.Tag!];
                added = true;
                break;
            case TagChangeKind.Remove:
                if (!server.Tags.Contains(change.Tag!, StringComparer.Ordinal))
                {
                    throw ComputeFaultException.NotFound($"Instance {Id} has no tag '{change.Tag}'");
                }

                tags = [.. server.Tags.Where(tag => !string.Equals(tag, change.Tag, StringComparison.Ordinal))];
                break;
            default:
                tags = [];
                break;
        }

        await CommitAsync(s => s with { Tags = tags }, state.State.Pending);
        return new TagChangeResult { Tags = tags, Added = added };
    }

    /// <summary>The write's row in the lifecycle table: Nova's lock check, then its state checks.</summary>
    private void EnsureWritable(ServerWriteRule rule, ServerSnapshot server, CallerContext caller)
    {
        if (rule.ChecksLock && server.Locked && !caller.IsAdmin)
        {
            throw ComputeFaultException.Conflict($"Instance {Id} is locked");
        }

        rule.EnsureAllowed(server);
    }

    /// <summary>
    /// 2.104's pinned_availability_zone: null unpins; a zone may only be pinned when it is the one the server is in
    /// now and no other zone is pinned (unpin first); the current value again is a no-op.
    /// </summary>
    private string? PinnedZoneAfter(ServerSnapshot server, ServerUpdate update)
    {
        if (!update.PinnedAvailabilityZoneGiven)
        {
            return server.PinnedAvailabilityZone;
        }

        var wanted = update.PinnedAvailabilityZone;
        var current = server.PinnedAvailabilityZone;
        if (wanted is null || string.Equals(wanted, current, StringComparison.Ordinal))
        {
            return wanted;
        }

        if (current is not null)
        {
            throw ComputeFaultException.Conflict(
                $"Cannot change the pinned availability zone of instance {Id} from {current} to {wanted} directly. Unpin it first.");
        }

        if (!string.Equals(wanted, server.AvailabilityZone, StringComparison.Ordinal))
        {
            throw ComputeFaultException.Conflict(
                $"Cannot pin instance {Id} to availability zone {wanted}: it is in availability zone {server.AvailabilityZone}.");
        }

        return wanted;
    }
}
