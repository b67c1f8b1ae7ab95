using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using Microsoft.Extensions.Hosting;

namespace EcsOperator.Local;

/// <summary>Prints one line per resource whenever its state changes (Apps, Jobs, CronJobs, ScalePolicies,
/// CapacityPools; see <see cref="ProgressLines"/>) and one when it is deleted; says once that every App has converged
/// (again after each later change converges) and keeps watching while the operator keeps reconciling.</summary>
internal sealed class ProgressReporter(IResourceStore store, TimeProvider time, TextWriter output) : BackgroundService
{
    private readonly Dictionary<ResourceKey, string> last = [];
    private bool converged;

    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ReportAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Prints changes since the last call; true when every App (at least one) has converged.</summary>
    public async Task<bool> ReportAsync(CancellationToken ct)
    {
        var items = await store.ListAsync(null, null, ct);
        var apps = 0;
        var allConverged = true;
        foreach (var item in items.OrderBy(i => i.Key.Kind).ThenBy(i => i.Key.Namespace, StringComparer.Ordinal).ThenBy(i => i.Key.Name, StringComparer.Ordinal))
        {
            var (line, done) = ProgressLines.Describe(item);
            if (item.Key.Kind == ResourceKind.App)
            {
                apps++;
                allConverged &= done;
            }
            if (last.GetValueOrDefault(item.Key) == line) continue;
            last[item.Key] = line;
            await output.WriteLineAsync(line);
        }
        var present = items.Select(i => i.Key).ToHashSet();
        foreach (var gone in last.Keys.Where(k => !present.Contains(k)).ToList())
        {
            last.Remove(gone);
            await output.WriteLineAsync($"{ProgressLines.Name(gone)} deleted");
        }
        var now = apps > 0 && allConverged;
        if (now && !converged) await output.WriteLineAsync($"all {apps} apps converged; still reconciling (Ctrl-C to stop)");
        converged = now;
        await output.FlushAsync(ct);
        return now;
    }
}
