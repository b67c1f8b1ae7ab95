using EcsOperator.Core.Store;
using Microsoft.Extensions.Time.Testing;

namespace EcsOperator.TestUtilities.Contracts;

/// <summary>What every <see cref="ILeaseStore"/> must do for leader election. Derive and pass <see cref="Time"/> to the store.</summary>
public abstract class LeaseStoreContract
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    protected FakeTimeProvider Time { get; } = ContractClock.Create();

    /// <summary>A lease name unique to this test.</summary>
    protected string Name { get; } = "leader-" + ContractClock.UniqueNamespace();

    protected abstract Task<ILeaseStore> CreateStoreAsync();

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_free_lease_is_acquired()
    {
        var store = await CreateStoreAsync();
        var lease = await store.TryAcquireAsync(Name, "a", Duration, Ct);
        Assert.Equal(new Lease(Name, "a", ContractClock.Start, ContractClock.Start + Duration), lease);
    }

    [Fact]
    public async Task A_held_lease_is_not_taken_and_reports_its_holder()
    {
        var store = await CreateStoreAsync();
        await store.TryAcquireAsync(Name, "a", Duration, Ct);
        Time.Advance(TimeSpan.FromSeconds(14));
        var seen = await store.TryAcquireAsync(Name, "b", Duration, Ct);
        Assert.Equal("a", seen.Holder);
        Assert.Equal(ContractClock.Start + Duration, seen.ExpiresAt);
    }

    [Fact]
    public async Task The_holder_renews_its_lease()
    {
        var store = await CreateStoreAsync();
        await store.TryAcquireAsync(Name, "a", Duration, Ct);
        Time.Advance(TimeSpan.FromSeconds(10));
        var renewed = await store.TryAcquireAsync(Name, "a", Duration, Ct);
        Assert.Equal("a", renewed.Holder);
        Assert.Equal(Time.GetUtcNow(), renewed.RenewedAt);
        Assert.Equal(Time.GetUtcNow() + Duration, renewed.ExpiresAt);
        Time.Advance(TimeSpan.FromSeconds(10)); // past the first expiry, within the renewed one
        Assert.Equal("a", (await store.TryAcquireAsync(Name, "b", Duration, Ct)).Holder);
    }

    [Fact]
    public async Task An_expired_lease_is_stolen()
    {
        var store = await CreateStoreAsync();
        await store.TryAcquireAsync(Name, "a", Duration, Ct);
        Time.Advance(Duration + TimeSpan.FromSeconds(1));
        var stolen = await store.TryAcquireAsync(Name, "b", Duration, Ct);
        Assert.Equal("b", stolen.Holder);
        Assert.Equal(Time.GetUtcNow() + Duration, stolen.ExpiresAt);
        Assert.Equal("b", (await store.TryAcquireAsync(Name, "a", Duration, Ct)).Holder);
    }

    [Fact]
    public async Task Only_the_holder_releases()
    {
        var store = await CreateStoreAsync();
        await store.TryAcquireAsync(Name, "a", Duration, Ct);
        await store.ReleaseAsync(Name, "b", Ct);
        Assert.Equal("a", (await store.TryAcquireAsync(Name, "b", Duration, Ct)).Holder);
        await store.ReleaseAsync(Name, "a", Ct);
        Assert.Equal("b", (await store.TryAcquireAsync(Name, "b", Duration, Ct)).Holder);
    }

    [Fact]
    public async Task Concurrent_contenders_get_one_holder()
    {
        var store = await CreateStoreAsync();
        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => store.TryAcquireAsync(Name, $"c{i}", Duration, Ct))));
        var holders = results.Select(r => r.Holder).Distinct().ToList();
        var winner = Assert.Single(holders);
        Assert.Equal(winner, (await store.TryAcquireAsync(Name, "late", Duration, Ct)).Holder);
    }
}
