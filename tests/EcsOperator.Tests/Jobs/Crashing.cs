using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Tests.Jobs;

/// <summary>The operator process dies right after the n-th side effect (ECS call or store write) has taken effect.</summary>
public sealed class CrashPoint(int after)
{
    private int count;

    public bool Fired { get; private set; }

    public void Step()
    {
        if (++count == after)
        {
            Fired = true;
            throw new SimulatedCrashException();
        }
    }
}

public sealed class SimulatedCrashException : Exception
{
    public SimulatedCrashException() : base("simulated operator crash") { }
}

/// <summary>The real ECS (the simulator) seen through a process that can die after any call.</summary>
public sealed class CrashingEcs(IEcsApi inner, CrashPoint crash) : IEcsApi
{
    public async Task<JsonObject> SendAsync(string action, JsonObject request, CancellationToken ct)
    {
        var result = await inner.SendAsync(action, request, ct);
        crash.Step();
        return result;
    }
}

/// <summary>The real store seen through a process that can die after any write.</summary>
public sealed class CrashingStore(IResourceStore inner, CrashPoint crash) : IResourceStore
{
    public Task<StoredResource?> GetAsync(ResourceKey key, CancellationToken ct) => inner.GetAsync(key, ct);

    public Task<IReadOnlyList<StoredResource>> ListAsync(ResourceKind? kind, string? @namespace, CancellationToken ct) => inner.ListAsync(kind, @namespace, ct);

    public async Task<PutResult> PutAsync(ResourceKey key, string manifest, string? expectedVersion, CancellationToken ct)
    {
        var r = await inner.PutAsync(key, manifest, expectedVersion, ct);
        crash.Step();
        return r;
    }

    public async Task<bool> UpdateStatusAsync(ResourceKey key, string manifestHash, JsonObject status, CancellationToken ct)
    {
        var r = await inner.UpdateStatusAsync(key, manifestHash, status, ct);
        crash.Step();
        return r;
    }

    public async Task<bool> DeleteAsync(ResourceKey key, string? expectedVersion, CancellationToken ct)
    {
        var r = await inner.DeleteAsync(key, expectedVersion, ct);
        crash.Step();
        return r;
    }

    public Task<bool> MarkForDeletionAsync(ResourceKey key, CancellationToken ct) => inner.MarkForDeletionAsync(key, ct);

    public IAsyncEnumerable<ResourceKey> WatchAsync(Action? established, CancellationToken ct) => inner.WatchAsync(established, ct);
}
