using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Servers.Actions;

/// <summary>rescue: with the rescue image the body names, which must exist.</summary>
internal sealed class RescueAction : ServerAction
{
    public override async Task StartAsync(IServerActionHost host, ServerTransition row, ServerActionCommand command) =>
        await host.BeginTransitionAsync(row, command, await host.FindActionImageAsync(command.RescueImageRef, command.Caller));

    public override ServerSnapshot Prepare(IServerActionHost host, ServerActionCommand command, ServerSnapshot server, ImageDefinition? actionImage)
    {
        if (command.RescueImageRef is { } rescueImage && actionImage is null)
        {
            throw ComputeFaultException.BadRequest($"Image {rescueImage} could not be found.");
        }

        // A volume-backed server (no image of its own): refused below 2.87; from 2.87 Nova needs a rescue image that
        // says how to attach the rescue disk (the fake hosts all report COMPUTE_RESCUE_BFV).
        if (server.ImageRef.Length == 0 && !(command.AllowVolumeBackedRescue && IsVolumeRescueImage(actionImage)))
        {
            throw ComputeFaultException.BadRequest($"Instance {server.Id} cannot be rescued: Cannot rescue a volume-backed instance");
        }

        return server;
    }

    private static bool IsVolumeRescueImage(ImageDefinition? image) =>
        image is not null && (image.Metadata.ContainsKey("hw_rescue_bus") || image.Metadata.ContainsKey("hw_rescue_device"));
}
