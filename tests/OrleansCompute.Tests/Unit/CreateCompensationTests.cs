using System.Runtime.CompilerServices;
using Orleans.Runtime;
using OrleansCompute.Api.Servers;
using OrleansCompute.Faults;

namespace OrleansCompute.Tests.Unit;

public sealed class CreateCompensationTests
{
    [Fact]
    public void A_refusal_or_an_undelivered_call_gives_back_what_the_create_took()
    {
        CreateCompensation.GivesBack(ComputeFaultException.Forbidden("Quota exceeded")).Should().BeTrue();
        CreateCompensation.GivesBack(Rejection()).Should().BeTrue();
        CreateCompensation.GivesBack(new OrleansException("wrapped", Rejection())).Should().BeTrue();
    }

    [Fact]
    public void A_timeout_or_an_unexpected_failure_keeps_the_claim_because_the_server_may_exist()
    {
        CreateCompensation.GivesBack(new TimeoutException("Response did not arrive on time")).Should().BeFalse();
        CreateCompensation.GivesBack(new OrleansException("wrapped", new TimeoutException())).Should().BeFalse();
        CreateCompensation.GivesBack(new InvalidOperationException()).Should().BeFalse();
    }

    // Orleans makes this exception itself (its constructors are not public), as the messaging layer does.
    private static OrleansMessageRejectionException Rejection() =>
        (OrleansMessageRejectionException)RuntimeHelpers.GetUninitializedObject(typeof(OrleansMessageRejectionException));
}
