using OrleansCompute.WebConsole.Lifecycle;

namespace OrleansCompute.Console.Tests;

/// <summary>The buttons follow the lifecycle table: an action that would be a 409 or a 403 is not offered.</summary>
public sealed class ServerActionOfferTests
{
    private static IEnumerable<string> Offered(ServerState state, bool admin = false) => ServerActionOffer.For(state, admin).Select(a => a.Name);

    [Fact]
    public void An_active_server_can_be_stopped_not_started()
    {
        var offered = Offered(new ServerState("active", null, Launched: true, Locked: false, Host: null, Deleted: false)).ToList();
        offered.Should().Contain(["stop", "reboot", "pause", "suspend", "shelve", "lock", "delete"]);
        offered.Should().NotContain(["start", "unpause", "resume", "unshelve", "unlock", "shelve-offload", "force-delete"]);
    }

    [Fact]
    public void A_stopped_server_can_be_started_and_a_busy_one_only_deleted_or_locked()
    {
        Offered(new ServerState("stopped", null, true, false, null, false)).Should().Contain("start").And.NotContain("stop");
        Offered(new ServerState("active", "powering-off", true, false, null, false)).Should().BeEquivalentTo(["lock", "delete"]);
    }

    [Fact]
    public void A_building_server_that_never_launched_offers_no_power_actions()
    {
        Offered(new ServerState("building", "spawning", false, false, null, false)).Should().BeEquivalentTo(["lock", "delete"]);
    }

    [Fact]
    public void A_locked_server_offers_a_member_no_checked_action_but_an_admin_all_of_them()
    {
        var locked = new ServerState("active", null, true, true, null, false);
        Offered(locked).Should().NotContain(["stop", "reboot", "lock"]).And.Contain("unlock");
        Offered(locked with { Host = "compute-1" }, admin: true).Should().Contain(["stop", "reboot", "unlock"]);
    }

    [Fact]
    public void Admin_only_actions_are_offered_to_admins_only()
    {
        var shelved = new ServerState("shelved", null, true, false, null, false);
        Offered(shelved).Should().Contain("unshelve").And.NotContain("shelve-offload");
        Offered(shelved with { Host = "compute-1" }, admin: true).Should().Contain("shelve-offload");
    }
}
