using System.Reflection;
using EcsOperator.Core;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Tests.Conventions;

/// <summary>Every <c>[LoggerMessage]</c> of the operator's assemblies has its own event id, inside the range
/// <see cref="LogEventIds"/> gives its component.</summary>
public sealed class LogEventIdTests
{
    private static readonly string[] AssemblyNames = ["EcsOperator.Core", "EcsOperator.Aws", "EcsOperator.Simulator", "ecs-operator", "ecsctl"];

    private static List<(int Id, string Namespace, string Method)> LogMethods() =>
    [
        .. AssemblyNames
            .Select(name => Assembly.Load(name))
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Select(m => (Type: t, Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>())))
            .Where(x => x.Attribute is not null)
            .Select(x => (x.Attribute!.EventId, x.Type.Namespace ?? "", $"{x.Type.FullName}.{x.Method.Name}")),
    ];

    [Fact]
    public void Every_log_event_id_is_used_once_across_all_operator_assemblies()
    {
        var methods = LogMethods();
        Assert.True(methods.Count > 50, $"only {methods.Count} [LoggerMessage] methods found: is an assembly missing?");
        var duplicates = methods.GroupBy(m => m.Id).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Method))}").ToList();
        Assert.True(duplicates.Count == 0, "event ids used more than once:\n" + string.Join("\n", duplicates));
    }

    [Fact]
    public void Every_log_event_id_lies_in_the_range_of_its_component()
    {
        var wrong = new List<string>();
        foreach (var (id, ns, method) in LogMethods())
        {
            var range = LogEventIds.Ranges.Where(r => ns == r.Namespace || ns.StartsWith(r.Namespace + ".", StringComparison.Ordinal))
                .OrderByDescending(r => r.Namespace.Length).Cast<(string Namespace, int First, int Last)?>().FirstOrDefault();
            if (range is null) wrong.Add($"{method} ({id}): namespace {ns} has no range in LogEventIds");
            else if (id < range.Value.First || id > range.Value.Last) wrong.Add($"{method} ({id}): outside {range.Value.Namespace}'s {range.Value.First}-{range.Value.Last}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void The_documented_ranges_do_not_overlap()
    {
        var sorted = LogEventIds.Ranges.OrderBy(r => r.First).ToList();
        for (var i = 1; i < sorted.Count; i++)
            Assert.True(sorted[i - 1].Last < sorted[i].First, $"{sorted[i - 1].Namespace} and {sorted[i].Namespace} overlap");
    }
}
