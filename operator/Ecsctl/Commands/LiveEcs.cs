using EcsOperator.Aws;
using EcsOperator.Core.Aws;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.State;
using EcsOperator.Simulator;

namespace Ecsctl.Commands;

/// <summary>
/// The ECS the operator manages, for reading only: with a DynamoDB table the AWS API (the connection flags); locally
/// the simulator's saved state. ecsctl never writes the simulator's state: it loads a copy of the state file in a
/// scratch directory (its top-level *.json files; deleted on dispose), so even the simulator's own saves land there.
/// </summary>
internal sealed class LiveEcs : IDisposable
{
    private readonly IDisposable _owner;
    private readonly string? _scratch;

    private LiveEcs(IEcsApi ecs, IDisposable owner, string? scratch, IReadOnlyList<string>? knownClusters = null)
    {
        Ecs = ecs;
        KnownClusters = knownClusters ?? [];
        _owner = owner;
        _scratch = scratch;
    }

    public IEcsApi Ecs { get; }

    /// <summary>Clusters known without asking ECS: locally, every cluster of the saved state; against AWS, none.</summary>
    public IReadOnlyList<string> KnownClusters { get; }

    /// <summary>Null when there is no live state: locally, no operator has saved a simulated cluster yet.</summary>
    public static LiveEcs? Open(CommandContext ctx)
    {
        if (ctx.Stores.Resources is not LocalResourceStore)
        {
            var clients = AwsClients.Create(ctx.Connection, ctx.Time);
            return new LiveEcs(clients.Ecs, clients, null);
        }

        return OpenSaved(StatePaths.Resolve(ctx.StoreFlags.StateDir).Simulator, ctx.Time);
    }

    /// <summary>A simulator loaded from a copy of the state saved in <paramref name="simulatorDirectory"/>.</summary>
    public static LiveEcs? OpenSaved(string simulatorDirectory, TimeProvider time)
    {
        var saved = Directory.Exists(simulatorDirectory) ? Directory.GetFiles(simulatorDirectory, "*.json") : [];
        if (saved.Length == 0) return null;
        var scratch = Path.Combine(Path.GetTempPath(), "ecsctl-live-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            foreach (var file in saved) File.Copy(file, Path.Combine(scratch, Path.GetFileName(file)));
            var cloud = new SimulatedCloud(new SimulatorOptions { StateDirectory = scratch, ThrottlingEnabled = false }, time);
            var snapshot = cloud.Control.Snapshot();
            string[] clusters = [.. snapshot.Services.Select(s => s.Cluster).Concat(snapshot.Tasks.Select(t => t.Cluster)).Distinct(StringComparer.Ordinal)];
            return new LiveEcs(cloud.Ecs, cloud, scratch, clusters);
        }
        catch
        {
            Directory.Delete(scratch, recursive: true);
            throw;
        }
    }

    public void Dispose()
    {
        _owner.Dispose();
        if (_scratch is null) return;
        try
        {
            Directory.Delete(_scratch, recursive: true);
        }
        catch (IOException)
        {
            // a scratch copy left in the temp directory harms nothing
        }
    }
}
