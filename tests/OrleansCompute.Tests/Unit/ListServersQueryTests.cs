using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OrleansCompute.Api.Microversions;
using OrleansCompute.Api.Servers.Listing;
using OrleansCompute.Catalog;
using OrleansCompute.Faults;
using OrleansCompute.Identity;
using OrleansCompute.Indexing;
using OrleansCompute.Servers;

namespace OrleansCompute.Tests.Unit;

/// <summary>How the list query string becomes an index query, in Nova's order of processing.</summary>
public sealed class ListServersQueryTests
{
    private static readonly CallerContext Member = new() { UserId = "u", ProjectId = "p", RequestId = "r" };
    private static readonly CallerContext Admin = new() { UserId = "admin", ProjectId = "p", Roles = ["admin"], RequestId = "r" };
    private static readonly ComputeCatalog Catalog = new(Options.Create(new CatalogOptions
    {
        Images =
        [
            new ImageDefinition { Id = "img-k", Metadata = new() { ["kernel_id"] = "kern-1", ["ramdisk_id"] = "ram-1" } },
            new ImageDefinition { Id = "img-n", Metadata = new() { ["kernel_id"] = "nokernel" } },
        ],
    }));

    private static ServerQuery Parse(string query, CallerContext? caller = null, string version = "2.1", int maxLimit = 1000)
    {
        ApiVersion.TryParse(version, out var apiVersion).Should().BeTrue();
        var collection = new QueryCollection(QueryHelpers.Parse(query));
        return ListServersQuery.Parse(collection, caller ?? Member, apiVersion, maxLimit, Catalog);
    }

    private static ComputeFaultException Fault(string query, CallerContext? caller = null, string version = "2.1")
    {
        var act = () => Parse(query, caller, version);
        return act.Should().Throw<ComputeFaultException>().Which;
    }

    [Fact]
    public void A_member_sees_their_project_without_deleted_or_soft_deleted_servers()
    {
        var query = Parse("");
        query.ProjectId.Should().Be("p");
        query.IncludeDeleted.Should().BeFalse();
        query.IncludeSoftDeleted.Should().BeFalse();
        query.ExcludeLive.Should().BeFalse();
        query.Limit.Should().Be(1000);
        query.Sort.Should().BeEmpty();
    }

    [Fact]
    public void Admin_only_filters_are_dropped_silently_for_members()
    {
        var query = Parse("host=h1&uuid=00000000-0000-0000-0000-000000000001&node=n&deleted=true&project_id=x&user_id=u2&key_name=k&metadata=a", Member, "2.80");
        query.Host.Should().BeNull();
        query.Uuid.Should().BeNull();
        query.UserId.Should().BeNull();
        query.Patterns.Should().BeEmpty();
        query.ExcludeLive.Should().BeFalse();
        query.ProjectId.Should().Be("p");
    }

    [Fact]
    public void Members_gain_the_2_83_filters_and_hostname_at_2_90()
    {
        Parse("key_name=k&user_id=u2&vm_state=active", Member, "2.83").Should().Match<ServerQuery>(q =>
            q.UserId == "u2" && q.VmStates!.Single() == "active" && q.Patterns.Single().Field == ServerTextField.KeyName);
        Parse("hostname=h", Member, "2.89").Patterns.Should().BeEmpty();
        Parse("hostname=h", Member, "2.90").Patterns.Single().Field.Should().Be(ServerTextField.Hostname);
        Parse("ip6=fd00", Member, "2.4").Patterns.Should().BeEmpty();
        Parse("ip6=fd00", Member, "2.5").Patterns.Single().Should().Be(new ServerPattern(ServerTextField.FixedIPv6, "fd00"));
    }

    [Fact]
    public void Admins_filter_by_everything_in_the_schema()
    {
        var query = Parse("host=h1&uuid=00000000-0000-0000-0000-000000000001&node=n.*&user_id=u2&image=img&flavor=3&locked_by=owner&display_description=d", Admin);
        query.Host.Should().Be("h1");
        query.Uuid.Should().Be(Guid.Parse("00000000-0000-0000-0000-000000000001"));
        query.UserId.Should().Be("u2");
        query.ImageRef.Should().Be("img");
        query.FlavorId.Should().Be("3");
        query.Patterns.Select(p => p.Field).Should().BeEquivalentTo([ServerTextField.Node, ServerTextField.LockedBy, ServerTextField.Description]);
        Parse("uuid=not-a-uuid", Admin).Uuid.Should().Be(Guid.Empty, "matches nothing");
    }

    [Fact]
    public void Joined_table_names_and_underscore_names_are_a_400_for_admins_and_ignored_for_members()
    {
        Fault("metadata=x", Admin).Message.Should().Be("Invalid filter field: metadata.");
        Fault("_secret=1", Admin).Message.Should().Be("Invalid filter field: _secret.");
        Parse("metadata=x&_secret=1", Member).Should().NotBeNull();
    }

    [Fact]
    public void Unknown_parameters_are_ignored_before_2_75_and_a_400_from_2_75()
    {
        Parse("foo=bar", Member, "2.74").Should().NotBeNull();
        Fault("foo=bar", Member, "2.75").Message.Should().Be("Additional properties are not allowed ('foo' was unexpected)");
        Parse("locked=true", Admin, "2.72").Locked.Should().BeNull("locked is not in the schema before 2.73");
        Parse("tags=a", Admin, "2.25").TagsAll.Should().BeNull();
        Parse("changes-before=2026-01-01T00:00:00Z", Admin, "2.65").ChangesBefore.Should().BeNull();
    }

    [Theory]
    [InlineData("name=")]
    [InlineData("name=(")]
    [InlineData("ip=[")]
    [InlineData("node=*a")]
    public void Regex_parameters_must_be_valid_non_empty_expressions_for_everyone(string query)
    {
        Fault(query).StatusCode.Should().Be(400);
    }

    [Fact]
    public void Status_maps_to_states_and_deleted_needs_an_admin()
    {
        Parse("status=ACTIVE&status=reboot").Should().Match<ServerQuery>(q => q.VmStates!.SequenceEqual(new[] { "active" }) && q.TaskStates == null);
        Parse("status=REBOOT").TaskStates.Should().BeEquivalentTo(["rebooting", "reboot_pending", "reboot_started"]);
        Fault("status=DELETED").StatusCode.Should().Be(403);
        Parse("status=DELETED", Admin).Should().Match<ServerQuery>(q => q.ExcludeLive && q.IncludeDeleted);
        Fault("status=NOPE", version: "2.38").Message.Should().Be("Invalid status value");
        Parse("status=NOPE", version: "2.37").VmStates.Should().BeEmpty();
        Parse("status=ACTIVE&vm_state=stopped", Admin).VmStates.Should().Equal("active");
    }

    [Fact]
    public void Deleted_and_soft_deleted_follow_novas_rules()
    {
        Parse("deleted=true", Admin).Should().Match<ServerQuery>(q => q.ExcludeLive && q.IncludeDeleted && q.IncludeSoftDeleted);
        Parse("deleted=true&soft_deleted=", Admin).Should().Match<ServerQuery>(q => q.ExcludeLive && q.IncludeDeleted && !q.IncludeSoftDeleted);
        Parse("deleted=maybe", Admin).Should().Match<ServerQuery>(q => !q.ExcludeLive && !q.IncludeDeleted);
        Parse("soft_deleted=false", Admin).IncludeSoftDeleted.Should().BeTrue("any non-empty value counts");
        Parse("changes-since=2026-01-01T00:00:00Z").Should().Match<ServerQuery>(q => q.IncludeDeleted && q.IncludeSoftDeleted && !q.ExcludeLive);
        Parse("changes-since=2026-01-01T00:00:00Z&deleted=false", Admin).Should().Match<ServerQuery>(q => !q.IncludeDeleted);
    }

    [Fact]
    public void Changes_before_must_not_precede_changes_since()
    {
        Fault("changes-since=2026-02-01T00:00:00Z&changes-before=2026-01-01T00:00:00Z", version: "2.66").Message
            .Should().Be("The value of changes-since must be less than or equal to changes-before.");
        Fault("changes-since=yesterday").StatusCode.Should().Be(400);
    }

    [Fact]
    public void All_tenants_is_admin_only_and_opens_project_filters()
    {
        Fault("all_tenants=1").StatusCode.Should().Be(403);
        Parse("all_tenants=0").ProjectId.Should().Be("p");
        Parse("all_tenants", Admin).ProjectId.Should().BeNull();
        Parse("all_tenants=true&tenant_id=other", Admin).ProjectId.Should().Be("other");
        Parse("all_tenants=true&project_id=x&tenant_id=y", Admin).ProjectId.Should().Be("x");
        Parse("project_id=x", Admin).ProjectId.Should().Be("p", "without all_tenants an admin lists their own project");
        Fault("all_tenants=perhaps", Admin).Message.Should().StartWith("Invalid input received: Unrecognized value 'perhaps'");
    }

    [Fact]
    public void Locked_is_a_strict_boolean_from_2_73()
    {
        Parse("locked=TRUE", Member, "2.73").Locked.Should().BeTrue();
        Parse("locked=0", Member, "2.73").Locked.Should().BeFalse();
        Fault("locked=", Member, "2.73").StatusCode.Should().Be(400);
        Fault("locked=price", Member, "2.73").Message.Should().Contain("Unrecognized value 'price'");
    }

    [Fact]
    public void Tag_filters_split_on_commas_from_2_26()
    {
        var query = Parse("tags=a,b&tags-any=c&not-tags=d,e&not-tags-any=f", Member, "2.26");
        query.TagsAll.Should().Equal("a", "b");
        query.TagsAny.Should().Equal("c");
        query.NotTagsAll.Should().Equal("d", "e");
        query.NotTagsAny.Should().Equal("f");
        Parse("tags=a&tags=b", Member, "2.26").TagsAll.Should().Equal(["b"], "the last occurrence counts");
    }

    [Fact]
    public void Kernel_and_ramdisk_filters_resolve_to_the_images_that_carry_them()
    {
        Parse("kernel_id=kern", Admin).ImageRefs.Should().Equal("img-k");
        Parse("kernel_id=kern&ramdisk_id=nothing", Admin).ImageRefs.Should().BeEmpty();
    }

    [Fact]
    public void Limit_is_capped_and_must_be_digits_and_the_marker_a_uuid()
    {
        Parse("limit=5").Limit.Should().Be(5);
        Parse("limit=5000").Limit.Should().Be(1000);
        Parse("limit=99999999999999999999").Limit.Should().Be(1000);
        Parse("limit=0").Limit.Should().Be(0);
        Fault("limit=-1").StatusCode.Should().Be(400);
        Fault("limit=abc").StatusCode.Should().Be(400);
        Fault("marker=nope").Message.Should().Be("marker [nope] not found");
    }

    [Fact]
    public void Sort_keys_pair_with_directions_and_missing_ones_repeat_the_first()
    {
        Parse("sort_key=display_name&sort_key=vm_state&sort_dir=asc").Sort
            .Should().Equal(new SortKey("display_name", false), new SortKey("vm_state", false));
        Parse("sort_key=display_name").Sort.Should().Equal(new SortKey("display_name", true));
        Parse("sort_key=locked", version: "2.73").Sort.Should().Equal(new SortKey("locked", true));
    }

    [Fact]
    public void Legacy_sort_keys_are_dropped_with_their_direction_before_2_75_and_a_400_from_2_75()
    {
        Parse("sort_key=vcpus&sort_key=display_name&sort_dir=asc&sort_dir=desc", version: "2.74").Sort
            .Should().Equal(new SortKey("display_name", true));
        Parse("sort_key=locked&sort_dir=asc", version: "2.72").Sort.Should().BeEmpty();
        Fault("sort_key=vcpus", version: "2.75").Message.Should().StartWith("Invalid input for query parameters sort_key. Value: vcpus.");
        Fault("sort_key=bogus", version: "2.1").StatusCode.Should().Be(400);
    }

    [Fact]
    public void Sort_direction_errors_and_admin_only_keys()
    {
        Fault("sort_key=display_name&sort_dir=asc&sort_dir=desc").Message.Should().Be("Invalid input received: Sort direction size exceeds sort key size");
        Fault("sort_dir=asc").Message.Should().Be("Invalid input received: Sort direction size exceeds sort key size");
        Fault("sort_key=display_name&sort_dir=ASC").Message.Should().Be("Invalid input received: Unknown sort direction, must be 'desc' or 'asc'");
        Fault("sort_key=host").Message.Should().Be("Only administrators can sort servers by host");
        Fault("sort_key=node").StatusCode.Should().Be(403);
        Parse("sort_key=host", Admin).Sort.Should().Equal(new SortKey("host", true));
    }

    private static class QueryHelpers
    {
        public static Dictionary<string, StringValues> Parse(string query) =>
            Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
    }
}
