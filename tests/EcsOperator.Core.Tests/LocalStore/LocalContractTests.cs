using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Queue;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using EcsOperator.TestUtilities.Contracts;

namespace EcsOperator.Core.Tests.LocalStore;

public sealed class LocalResourceStoreContractTests : ResourceStoreContract, IDisposable
{
    private readonly TempStateDirectory _dir = new();

    protected override TimeSpan WatchTimeout => TimeSpan.FromSeconds(10);

    protected override Task<IResourceStore> CreateStoreAsync() =>
        Task.FromResult<IResourceStore>(new LocalResourceStore(_dir.Paths, Time) { PollInterval = TimeSpan.FromSeconds(1) });

    protected override Task RawWriteManifestAsync(ResourceKey key, string manifest) =>
        File.WriteAllTextAsync(Path.Combine(_dir.Paths.Store, $"{key.Kind}.{key.Namespace}.{key.Name}.yaml"), manifest);

    public void Dispose() => _dir.Dispose();
}

public sealed class LocalEventStoreContractTests : EventStoreContract, IDisposable
{
    private readonly TempStateDirectory _dir = new();

    protected override Task<IEventStore> CreateStoreAsync() => Task.FromResult<IEventStore>(new LocalResourceStore(_dir.Paths, Time));

    public void Dispose() => _dir.Dispose();
}

public sealed class LocalLeaseStoreContractTests : LeaseStoreContract, IDisposable
{
    private readonly TempStateDirectory _dir = new();

    protected override Task<ILeaseStore> CreateStoreAsync() => Task.FromResult<ILeaseStore>(new LocalResourceStore(_dir.Paths, Time));

    public void Dispose() => _dir.Dispose();
}

public sealed class LocalClaimStoreContractTests : ClaimStoreContract, IDisposable
{
    private readonly TempStateDirectory _dir = new();

    protected override Task<IClaimStore> CreateStoreAsync() => Task.FromResult<IClaimStore>(new LocalResourceStore(_dir.Paths, Time));

    public void Dispose() => _dir.Dispose();
}

public sealed class LocalJobQueueContractTests : JobQueueContract, IDisposable
{
    private readonly TempStateDirectory _dir = new();
    private LocalJobQueue? _queue;

    protected override Task<IJobQueue> CreateQueueAsync(int maxReceiveCount, TimeSpan visibility)
    {
        _queue = new LocalJobQueue(_dir.Paths, Time, maxReceiveCount, visibility);
        return Task.FromResult<IJobQueue>(_queue);
    }

    protected override Task<IReadOnlyList<QueueMessage>> ReadDeadLettersAsync() => _queue!.ListDeadLettersAsync(CancellationToken.None);

    protected override Task<IResourceStore> CreateJobStoreAsync() => Task.FromResult<IResourceStore>(new LocalResourceStore(_dir.Paths, Time));

    public void Dispose() => _dir.Dispose();
}
