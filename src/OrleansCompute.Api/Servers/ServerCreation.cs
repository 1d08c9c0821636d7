using OrleansCompute.Api.Policy;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Images;
using OrleansCompute.Keypairs;
using OrleansCompute.Quotas;
using OrleansCompute.Reservations;
using OrleansCompute.Scheduling;
using OrleansCompute.ServerGroups;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Servers;

/// <summary>
/// Resolves what a validated create request refers to (flavor, image or boot volume, networks and ports,
/// zone and hosts, key pair, server group) in Nova's order of checks, failing as Nova fails: policy is 403,
/// unknown references are 400. The result is what the create saga in the grains runs: the command every server
/// of the request shares, the counts and the quota figures.
/// </summary>
internal sealed class ServerCreation(ComputeCatalog catalog, ImageLookup images, IGrainFactory grains, IComputePolicy policy, Network.NetworkService network)
{
    public async Task<ReservationRequest> PrepareAsync(CreateServerRequest request, CallerContext caller)
    {
        CheckPolicy(request, caller);
        request = await ImageBlockDevices.ApplyAsync(request, images, caller);
        var bootsFromVolume = BlockDeviceRules.BootsFromVolume(request.BlockDevices);
        if (string.IsNullOrEmpty(request.ImageRef) && !bootsFromVolume)
        {
            throw ComputeFaultException.BadRequest("Missing imageRef attribute");
        }

        var flavor = catalog.FindFlavor(request.FlavorRef, caller)
            ?? throw ComputeFaultException.BadRequest($"Flavor {request.FlavorRef} could not be found.");
        if (request.MaxCount > 1 && request.Networks.Any(n => n.PortId is not null))
        {
            throw ComputeFaultException.BadRequest("Unable to launch multiple instances with a single configured port ID. Please launch your instance one by one with different ports.");
        }

        if (request.MaxCount > 1 && request.Networks.Any(n => n.FixedIp is not null))
        {
            throw ComputeFaultException.BadRequest("max_count cannot be greater than 1 if an fixed_ip is specified.");
        }

        BlockDeviceRules.CheckCount(request.BlockDevices, request.MinCount, request.MaxCount);
        CheckZoneAndHosts(request);
        var image = await ResolveImageAsync(request, flavor, bootsFromVolume, caller);
        var keyName = await ResolveKeyPairAsync(request, caller);
        // The network service checks the groups, networks and ports the create names (issue 16).
        await Validation.SecurityGroupRules.EnsureExistForCreateAsync(network, caller, request.SecurityGroups);
        var networks = await new Network.ServerNetworkResolver(network).ResolveAsync(request.Networks, request.AutoAllocateNetwork, caller, noneIsFine: !request.GetMeANetwork);
        BlockDeviceRules.Check(request.BlockDevices, flavor, request.ImageRef, await FindDeviceImagesAsync(request, caller));
        var bootVolumes = await new BootVolumeResolver(grains, images).ResolveAsync(request.BlockDevices, caller);
        if (flavor.DiskGb == 0 && !bootsFromVolume && !policy.IsAllowed(caller, ComputePolicies.ServersCreateZeroDiskFlavor))
        {
            throw ComputeFaultException.Forbidden("Only volume-backed servers are allowed for flavors with zero disk.");
        }

        if (bootsFromVolume && request.TrustedImageCertificates is not null)
        {
            throw ComputeFaultException.BadRequest("Image certificate validation is not supported when booting from volume");
        }

        var (groupId, memberLimit) = await ResolveServerGroupAsync(request, caller);
        var diskConfig = request.DiskConfig
            ?? (image is not null && image.Metadata.TryGetValue("auto_disk_config", out var auto) && bool.TryParse(auto, out var isAuto) && isAuto ? "AUTO" : "MANUAL");
        var flavorSnapshot = FlavorSnapshot.From(flavor);

        var template = new CreateServerCommand
        {
            Caller = caller,
            Name = request.Name,
            // Below 2.19 Nova stores the display name as the description.
            Description = request.DescriptionGiven ? request.Description : request.Name,
            ImageRef = bootsFromVolume ? "" : image!.Id,
            Flavor = flavorSnapshot,
            Metadata = request.Metadata,
            Networks = networks,
            // Nothing to attach (no network available to a create that named none): no fallback in the grain either.
            AutoAllocateNetwork = request.AutoAllocateNetwork && networks.Count > 0,
            AccessIPv4 = request.AccessIPv4,
            AccessIPv6 = request.AccessIPv6,
            DiskConfig = diskConfig,
            AvailabilityZone = request.AvailabilityZone,
            ConfigDrive = request.ConfigDrive,
            KeyName = keyName,
            SecurityGroups = request.Networks.Count == 0 && !request.AutoAllocateNetwork ? [] : request.SecurityGroups.Distinct(StringComparer.Ordinal).ToArray(),
            UserData = request.UserData,
            Tags = request.Tags,
            TrustedImageCertificates = request.TrustedImageCertificates,
            SchedulerHints = request.SchedulerHints,
            ReservationId = "",
            // Empty when the display name leaves nothing: each server is then named by its id.
            Hostname = string.IsNullOrEmpty(request.Hostname) ? HostnameSanitizer.Sanitize(request.Name) : request.Hostname,
            ServerGroupId = groupId,
            BootVolumes = bootVolumes,
            Scheduling = new ScheduleRequest
            {
                ProjectId = caller.ProjectId,
                ServerIds = [],
                Flavor = flavorSnapshot,
                AvailabilityZone = request.AvailabilityZone,
                ForcedHost = request.ForcedHost,
                ForcedNode = request.ForcedNode,
                RequestedHost = request.Host,
                RequestedNode = request.HypervisorHostname,
                Hints = request.SchedulerHints,
            },
        };

        return new ReservationRequest
        {
            Template = template,
            MinCount = request.MinCount,
            MaxCount = request.MaxCount,
            MetadataItems = request.Metadata.Count,
            InjectedFiles = request.Personality.Count,
            LongestInjectedFilePath = request.Personality.Count == 0 ? 0 : request.Personality.Max(p => p.Path.Length),
            LargestInjectedFileContent = request.Personality.Count == 0 ? 0 : request.Personality.Max(p => p.ContentBytes),
            FixedAddresses = networks.Where(n => n.FixedIp is not null || n.PortId is not null).ToArray(),
            GroupMemberLimit = memberLimit,
        };
    }

    private void CheckPolicy(CreateServerRequest request, CallerContext caller)
    {
        if (request.ForcedHost is not null || request.ForcedNode is not null)
        {
            policy.Authorize(caller, ComputePolicies.ServersCreateForcedHost);
        }

        if (request.Host is not null || request.HypervisorHostname is not null)
        {
            policy.Authorize(caller, ComputePolicies.ServersCreateRequestedDestination);
        }

        if ((request.Host is not null || request.HypervisorHostname is not null) && (request.ForcedHost is not null || request.ForcedNode is not null))
        {
            throw ComputeFaultException.BadRequest("The requested host or hypervisor_hostname cannot be combined with the availability zone 'az:host:node' form.");
        }
    }

    private void CheckZoneAndHosts(CreateServerRequest request)
    {
        if (request.AvailabilityZone is { } zone && !catalog.Hosts.Any(h => string.Equals(h.AvailabilityZone, zone, StringComparison.Ordinal)))
        {
            throw ComputeFaultException.BadRequest("The requested availability zone is not available");
        }

        if (request.Host is { } host && catalog.FindHost(host) is null)
        {
            throw ComputeFaultException.BadRequest($"Compute host {host} could not be found.");
        }

        if (request.HypervisorHostname is { } node && catalog.FindHost(node) is null)
        {
            throw ComputeFaultException.BadRequest($"Compute host node {node} could not be found.");
        }
    }

    private async Task<ImageDefinition?> ResolveImageAsync(CreateServerRequest request, FlavorDefinition flavor, bool bootsFromVolume, CallerContext caller)
    {
        if (string.IsNullOrEmpty(request.ImageRef))
        {
            return null;
        }

        var image = await images.FindAsync(request.ImageRef, caller) ?? throw ComputeFaultException.BadRequest("Can not find requested image");
        if (!string.Equals(image.Status, "ACTIVE", StringComparison.OrdinalIgnoreCase))
        {
            throw ComputeFaultException.BadRequest($"Image {image.Id} is not active.");
        }

        if (!bootsFromVolume && flavor.DiskGb > 0 && image.MinDiskGb > flavor.DiskGb)
        {
            throw ComputeFaultException.BadRequest("Flavor's disk is too small for requested image.");
        }

        if (image.MinRamMb > flavor.RamMb)
        {
            throw ComputeFaultException.BadRequest("Flavor's memory is too small for requested image.");
        }

        return image;
    }

    /// <summary>The ids of the images that image-sourced block devices name and that exist for the caller.</summary>
    private async Task<IReadOnlySet<string>> FindDeviceImagesAsync(CreateServerRequest request, CallerContext caller)
    {
        var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in request.BlockDevices.Where(d => d.SourceType == "image" && d.Uuid is not null).Select(d => d.Uuid!).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (await images.FindAsync(id, caller) is not null)
            {
                found.Add(id);
            }
        }

        return found;
    }

    private async Task<string?> ResolveKeyPairAsync(CreateServerRequest request, CallerContext caller)
    {
        if (request.KeyName is null)
        {
            return null;
        }

        // Nova looks the key pair up among the caller's own (user, not project) key pairs.
        var keyPair = await grains.GetGrain<IKeyPairGrain>(caller.UserId).FindAsync(request.KeyName);
        return keyPair?.Name ?? throw ComputeFaultException.BadRequest("Invalid key_name provided.");
    }

    private async Task<(Guid? Group, int MemberLimit)> ResolveServerGroupAsync(CreateServerRequest request, CallerContext caller)
    {
        if (!request.SchedulerHints.TryGetValue("group", out var groups) || groups.Count == 0)
        {
            return (null, -1);
        }

        var groupId = Guid.Parse(groups[0]);
        var group = await grains.GetGrain<IServerGroupGrain>(groupId).FindAsync(caller)
            ?? throw ComputeFaultException.BadRequest($"Invalid server group: group {groupId} could not be found.");
        var limits = (await grains.GetGrain<IProjectGrain>(group.ProjectId).GetQuotaAsync()).Limits;
        if (limits.ServerGroupMembers >= 0 && group.Members.Count + request.MaxCount > limits.ServerGroupMembers)
        {
            throw ServerGroupQuota.Exceeded();
        }

        return (groupId, limits.ServerGroupMembers);
    }
}
