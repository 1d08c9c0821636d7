using OrleansCompute.Reservations;
using OrleansCompute.Scheduling;
using OrleansCompute.Servers;

namespace OrleansCompute.Creation;

/// <summary>One member's create command: the shared template with the member's name, numbers and placement.</summary>
internal static class MemberCommand
{
    public static CreateServerCommand For(CreateServerCommand template, ReservationMember member, string reservationId, int granted, Placement? placement, string? schedulingFailure) => template with
    {
        Name = member.Name,
        // Below 2.19 Nova stores the display name as the description.
        Description = template.Description == template.Name ? member.Name : template.Description,
        ReservationId = reservationId,
        LaunchIndex = member.LaunchIndex,
        Hostname = HostnameFor(template.Hostname, member, granted),
        Placement = placement,
        SchedulingFailure = schedulingFailure,
    };

    /// <summary>
    /// The template's hostname (given, or made from the display name), numbered from 1 when there are several
    /// members; Nova's <c>Server-&lt;uuid&gt;</c> when the display name left nothing (an empty template hostname).
    /// </summary>
    private static string HostnameFor(string hostname, ReservationMember member, int granted) =>
        hostname.Length == 0 ? DefaultHostname.For(member.ServerId)
        : granted > 1 ? $"{hostname}-{member.LaunchIndex + 1}"
        : hostname;
}
