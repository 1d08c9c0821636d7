using System.Security.Cryptography;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Servers;

namespace OrleansCompute.Api.Servers;

/// <summary>
/// Resolves what a validated create request refers to (flavor, image, networks, availability zone) and turns
/// it into the grain command, failing as Nova fails: unknown references are 400.
/// </summary>
internal sealed class ServerCreation(ComputeCatalog catalog)
{
    public CreateServerCommand ToCommand(CreateServerRequest request, CallerContext caller, Guid serverId, string reservationId, int launchIndex, string name)
    {
        var flavor = catalog.FindFlavor(request.FlavorRef)
            ?? throw ComputeFaultException.BadRequest($"Flavor {request.FlavorRef} could not be found.");
        if (request.ImageRef is null)
        {
            throw ComputeFaultException.BadRequest("Missing imageRef attribute");
        }

        var image = request.ImageRef.Length == 0
            ? throw ComputeFaultException.BadRequest("Missing imageRef attribute")
            : catalog.FindImage(request.ImageRef) ?? throw ComputeFaultException.BadRequest("Can not find requested image");
        if (!string.Equals(image.Status, "ACTIVE", StringComparison.OrdinalIgnoreCase))
        {
            throw ComputeFaultException.BadRequest($"Image {image.Id} is not active.");
        }

        if (flavor.DiskGb > 0 && image.MinDiskGb > flavor.DiskGb)
        {
            throw ComputeFaultException.BadRequest("Flavor's disk is too small for requested image.");
        }

        if (image.MinRamMb > flavor.RamMb)
        {
            throw ComputeFaultException.BadRequest("Flavor's memory is too small for requested image.");
        }

        foreach (var network in request.Networks)
        {
            if (network.PortId is not null)
            {
                throw ComputeFaultException.BadRequest($"Port id {network.PortId} could not be found.");
            }

            if (catalog.FindNetwork(network.NetworkId!) is null)
            {
                throw ComputeFaultException.BadRequest($"Network {network.NetworkId} could not be found.");
            }
        }

        if (request.AvailabilityZone is { } zone && !catalog.Hosts.Any(h => string.Equals(h.AvailabilityZone, zone.Split(':')[0], StringComparison.Ordinal)))
        {
            throw ComputeFaultException.BadRequest("The requested availability zone is not available");
        }

        if (request.KeyName is not null)
        {
            throw ComputeFaultException.BadRequest("Invalid key_name provided.");
        }

        var diskConfig = request.DiskConfig
            ?? (image.Metadata.TryGetValue("auto_disk_config", out var auto) && bool.TryParse(auto, out var isAuto) && isAuto ? "AUTO" : "MANUAL");

        return new CreateServerCommand
        {
            Caller = caller,
            Name = name,
            // Below 2.19 Nova stores the display name as the description.
            Description = request.DescriptionGiven ? request.Description : name,
            ImageRef = image.Id,
            Flavor = new FlavorSnapshot
            {
                Id = flavor.Id,
                Name = flavor.Name,
                Vcpus = flavor.Vcpus,
                RamMb = flavor.RamMb,
                DiskGb = flavor.DiskGb,
                EphemeralGb = flavor.EphemeralGb,
                SwapMb = flavor.SwapMb,
                ExtraSpecs = flavor.ExtraSpecs,
            },
            Metadata = request.Metadata,
            Networks = request.Networks,
            AutoAllocateNetwork = request.AutoAllocateNetwork,
            AccessIPv4 = request.AccessIPv4,
            AccessIPv6 = request.AccessIPv6,
            DiskConfig = diskConfig,
            AvailabilityZone = request.AvailabilityZone?.Split(':')[0],
            ConfigDrive = request.ConfigDrive,
            KeyName = request.KeyName,
            SecurityGroups = request.Networks.Count == 0 && !request.AutoAllocateNetwork ? [] : request.SecurityGroups.Distinct(StringComparer.Ordinal).ToArray(),
            UserData = request.UserData,
            SchedulerHints = request.SchedulerHints,
            ReservationId = reservationId,
            LaunchIndex = launchIndex,
            Hostname = HostnameSanitizer.FromDisplayName(name, serverId),
        };
    }

    /// <summary>Nova's reservation id: <c>r-</c> and eight characters of 0-9a-z.</summary>
    public static string NewReservationId()
    {
        const string alphabet = "0123456789abcdefghijklmnopqrstuvwxyz";
        Span<char> chars = stackalloc char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return "r-" + new string(chars);
    }
}
