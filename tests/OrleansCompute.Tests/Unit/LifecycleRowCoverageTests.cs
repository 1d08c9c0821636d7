using OrleansCompute.Api.Servers.Actions;
using OrleansCompute.Servers.Actions;
using OrleansCompute.Servers.Lifecycle;

namespace OrleansCompute.Tests.Unit;

/// <summary>Adding an action means adding a row on each side: these fail when one is missing or they disagree.</summary>
public sealed class LifecycleRowCoverageTests
{
    public static TheoryData<ServerActionKind> Kinds() => new(Enum.GetValues<ServerActionKind>());

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_action_kind_has_exactly_one_lifecycle_row(ServerActionKind kind)
    {
        ServerLifecycle.Table.Values.Where(r => r.Action == kind).Should().ContainSingle();
        ServerLifecycle.For(kind).Action.Should().Be(kind);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_api_action_has_exactly_one_descriptor_with_the_rows_policy_rule(ServerActionKind kind)
    {
        var row = ServerLifecycle.For(kind);
        var descriptors = ServerActionDescriptors.ByName.Values.Where(d => d.Kinds.Contains(kind)).ToList();
        if (!row.IsApiAction)
        {
            descriptors.Should().BeEmpty("{0} is not asked for in an action body", kind);
            return;
        }

        descriptors.Should().ContainSingle();
        descriptors[0].Policy.Should().Be(row.Policy, "the API and the grain check one rule for {0}", kind);
    }

    [Fact]
    public void Every_descriptor_names_itself_and_kinds_that_are_api_actions()
    {
        foreach (var (name, descriptor) in ServerActionDescriptors.ByName)
        {
            descriptor.Name.Should().Be(name);
            descriptor.Kinds.Where(k => !ServerLifecycle.For(k).IsApiAction).Should().BeEmpty("{0} parses only into actions a body may ask for", name);
            descriptor.Policy.Should().StartWith("os_compute_api:");
        }
    }

    [Fact]
    public void Every_sub_resource_write_has_a_row()
    {
        ServerLifecycle.Writes.Keys.Should().BeEquivalentTo(Enum.GetValues<ServerWrite>());
        ServerLifecycle.Writes.Should().OnlyContain(w => w.Value.Write == w.Key);
    }

    [Fact]
    public void Deadlines_name_distinct_reminders_and_actions_with_rows()
    {
        ServerDeadlines.All.Select(d => d.Reminder).Should().OnlyHaveUniqueItems();
        foreach (var deadline in ServerDeadlines.All)
        {
            ServerDeadlines.ForReminder(deadline.Reminder).Should().BeSameAs(deadline);
            ServerLifecycle.Table.Should().ContainKey(deadline.Action);
        }
    }

    [Fact]
    public void No_switch_on_the_action_kind_remains_outside_the_table_and_its_handlers()
    {
        var src = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src"));
        Directory.Exists(src).Should().BeTrue("the test reads the sources at {0}", src);
        var allowed = new[]
        {
            Path.Combine("Servers", "Lifecycle") + Path.DirectorySeparatorChar,
            Path.Combine("Servers", "Actions") + Path.DirectorySeparatorChar,
        };
        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Where(f => !allowed.Any(a => f.Contains(Path.Combine("OrleansCompute.Grains", a), StringComparison.Ordinal)))
            .Where(f => File.ReadLines(f).Any(IsSwitchOnActionKind))
            .Select(f => Path.GetRelativePath(src, f))
            .ToList();
        offenders.Should().BeEmpty();
    }

    /// <summary>A <c>case ServerActionKind.X</c> label, a switch-expression arm on it, or a switch over an action.</summary>
    private static bool IsSwitchOnActionKind(string line) =>
        line.Contains("case ServerActionKind.", StringComparison.Ordinal)
        || System.Text.RegularExpressions.Regex.IsMatch(line, @"^\s*ServerActionKind\.\w+(\s+or\s+ServerActionKind\.\w+)*\s*(when\s.*)?=>")
        || System.Text.RegularExpressions.Regex.IsMatch(line, @"(\.Action|\baction)\s+switch\b");
}
