using OrleansCompute.Catalog;
using OrleansCompute.Identity;
using OrleansCompute.Quotas;
using OrleansCompute.Reservations;
using OrleansCompute.Scheduling;
using OrleansCompute.Servers;

namespace OrleansCompute.Tests.Hardening;

/// <summary>
/// Embedded mode on a full disk (issue 14): a single create whose server could not be written gives its quota
/// claim back, instead of keeping it for a server that never existed.
/// </summary>
[Collection(OutboxCollection.Name)]
public sealed class OutboxCreateCompensationTests(OutboxFixture fixture)
{
    [Fact]
    public async Task A_create_whose_server_state_write_fails_gives_its_quota_back()
    {
        var project = "p-" + Guid.NewGuid().ToString("N")[..8];
        var caller = new CallerContext { UserId = "u", ProjectId = project, Roles = ["member"], RequestId = "req-full" };
        var flavor = new FlavorSnapshot { Id = "1", Name = "m1.tiny", Vcpus = 1, RamMb = 512, DiskGb = 1 };
        var request = new ReservationRequest
        {
            Template = new CreateServerCommand
            {
                Caller = caller,
                Name = "full",
                ImageRef = DefaultCatalog.CirrosImageId,
                Flavor = flavor,
                Networks = [],
                AutoAllocateNetwork = true,
                ReservationId = "",
                Hostname = "full",
                Scheduling = new ScheduleRequest { ProjectId = project, ServerIds = [], Flavor = flavor },
            },
            MinCount = 1,
            MaxCount = 1,
            FixedAddresses = [],
            GroupMemberLimit = -1,
        };

        var refusedBefore = fixture.FullDisk.Refused;
        fixture.FullDisk.Fill(project);
        try
        {
            var create = async () => await fixture.Grains.GetGrain<ICreateCoordinatorGrain>(0).CreateAsync(request);
            await create.Should().ThrowAsync<Exception>("the server's state cannot be written");
        }
        finally
        {
            fixture.FullDisk.Free(project);
        }

        fixture.FullDisk.Refused.Should().BeGreaterThan(refusedBefore, "the server's write met the full disk");
        (await fixture.Grains.GetGrain<IProjectGrain>(project).GetQuotaAsync()).Usage.Instances.Should().Be(0, "no server exists, so none is charged");
    }
}
