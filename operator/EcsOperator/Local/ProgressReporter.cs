using EcsOperator.Core.Apps;
using System.Text.Json.Nodes;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Model;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Hosting;

namespace EcsOperator.Local;

/// <summary>Prints one line per App whenever its state changes ("app/web Available 2/2") until every App has
/// converged, then says so once and falls silent while the operator keeps reconciling.</summary>
internal sealed class ProgressReporter(IResourceStore store, TimeProvider time, TextWriter output) : BackgroundService
{
    private readonly Dictionary<ResourceKey, string> last = [];

    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (await ReportAsync(stoppingToken)) return;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Prints changes; true once every App has converged.</summary>
    public async Task<bool> ReportAsync(CancellationToken ct)
    {
        var apps = await store.ListAsync(ResourceKind.App, null, ct);
        var converged = apps.Count > 0;
        foreach (var app in apps)
        {
            var (line, done) = Describe(app);
            converged &= done;
            if (last.GetValueOrDefault(app.Key) == line) continue;
            last[app.Key] = line;
            await output.WriteLineAsync(line);
        }
        if (converged)
        {
            await output.WriteLineAsync($"all {apps.Count} apps converged; still reconciling (Ctrl-C to stop)");
            await output.FlushAsync(ct);
        }
        return converged;
    }

    public static (string Line, bool Converged) Describe(StoredResource app)
    {
        var name = $"app/{app.Key.Name}" + (app.Key.Namespace == ResourceKey.DefaultNamespace ? "" : $" -n {app.Key.Namespace}");
        var s = app.Status;
        if (s is null) return ($"{name} Pending", false);
        var counts = $"{s.Int("runningCount") ?? 0}/{s.Int("desiredCount") ?? 0}";
        var current = s.Long("observedGeneration") == app.Generation;
        if (StatusConditions.IsTrue(s, ConditionTypes.Degraded))
        {
            var d = StatusConditions.Get(s, ConditionTypes.Degraded);
            return ($"{name} Degraded {counts} {d.Str("reason")}: {d.Str("message")}", false);
        }
        if (current && AppRolloutState.IsRolledOut(s))
            return ($"{name} Available {counts}", true);
        var p = StatusConditions.Get(s, ConditionTypes.Progressing);
        return ($"{name} Progressing {counts}" + (p is null ? "" : $" {p.Str("reason")}"), false);
    }
}
