using EcsOperator.Core.Store;
using Microsoft.Extensions.Time.Testing;

namespace EcsOperator.TestUtilities.Contracts;

/// <summary>What every <see cref="IClaimStore"/> must do for ownership claims (task-definition families).</summary>
public abstract class ClaimStoreContract
{
    protected FakeTimeProvider Time { get; } = ContractClock.Create();

    /// <summary>A claim name unique to this test.</summary>
    protected string Name { get; } = "task-definition-family/web-" + ContractClock.UniqueNamespace();

    protected abstract Task<IClaimStore> CreateStoreAsync();

    private static CancellationToken Ct => CancellationToken.None;

    [SkippableFact]
    public async Task The_first_claim_wins_and_the_second_claimant_is_told_the_owner()
    {
        var store = await CreateStoreAsync();
        Assert.Equal("App/default/a", await store.ClaimAsync(Name, "App/default/a", Ct));
        Assert.Equal("App/default/a", await store.ClaimAsync(Name, "App/default/b", Ct));
        Assert.Equal("App/default/a", await store.ClaimAsync(Name, "App/default/a", Ct)); // holding it again is fine
    }

    [SkippableFact]
    public async Task Only_the_owner_releases_and_then_another_may_claim()
    {
        var store = await CreateStoreAsync();
        await store.ClaimAsync(Name, "App/default/a", Ct);
        Assert.False(await store.ReleaseClaimAsync(Name, "App/default/b", Ct));
        Assert.Equal("App/default/a", await store.ClaimAsync(Name, "App/default/b", Ct));
        Assert.True(await store.ReleaseClaimAsync(Name, "App/default/a", Ct));
        Assert.False(await store.ReleaseClaimAsync(Name, "App/default/a", Ct)); // free already
        Assert.Equal("App/default/b", await store.ClaimAsync(Name, "App/default/b", Ct));
    }

    [SkippableFact]
    public async Task Claims_are_independent_per_name()
    {
        var store = await CreateStoreAsync();
        Assert.Equal("App/default/a", await store.ClaimAsync(Name + "-1", "App/default/a", Ct));
        Assert.Equal("App/default/b", await store.ClaimAsync(Name + "-2", "App/default/b", Ct));
    }

    [SkippableFact]
    public async Task Of_many_concurrent_claimants_exactly_one_wins_and_all_agree_on_it()
    {
        var store = await CreateStoreAsync();
        for (var round = 0; round < 5; round++)
        {
            var name = $"{Name}-race-{round}";
            var owners = Enumerable.Range(0, 8).Select(i => $"App/default/app-{i}").ToList();
            var seen = await Task.WhenAll(owners.Select(o => Task.Run(() => store.ClaimAsync(name, o, Ct))));
            var winner = Assert.Single(seen.Distinct());
            Assert.Contains(winner, owners);
        }
    }
}
