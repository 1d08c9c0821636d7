using Orleans.Runtime;
using OrleansCompute.Faults;

namespace OrleansCompute.Api.Servers;

/// <summary>
/// Which failures of a single create give back what its earlier steps took (a reserved fixed IP or port, the
/// quota claim, the server group membership): those after which the server certainly does not exist. A Nova fault
/// was thrown by a step that refused; an Orleans message rejection means the call was never delivered — what a
/// client sees while a killed silo is still in the membership and the new server grain is placed on it. Without
/// this, every retried create during a fail-over kept its quota claim, and a project ran out of quota for servers
/// that never existed. A timeout is left alone: the server may have been created after all.
/// </summary>
internal static class CreateCompensation
{
    public static bool GivesBack(Exception exception) => exception switch
    {
        ComputeFaultException => true,
        OrleansMessageRejectionException => true,
        OrleansException { InnerException: { } inner } => GivesBack(inner),
        _ => false,
    };
}
