using EcsOperator.Core.Apps;
using EcsOperator.Core.Controller;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Resources;
using EcsOperator.TestUtilities.Contracts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EcsOperator.Core.Tests.Apps;

/// <summary>The ScalePolicy that owns an App's desired count, found through the informer with each policy's targetRef
/// parsed once per stored version: a retargeted, new or deleted policy is seen on the next look.</summary>
public sealed class ScalePolicyOwnersTests : IDisposable
{
    private readonly TempStateDirectory dir = new();
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));
    private readonly LocalResourceStore store;
    private readonly ResourceInformer informer;

    public ScalePolicyOwnersTests()
    {
        store = new LocalResourceStore(dir.Paths, time);
        informer = new ResourceInformer(store, time, TimeSpan.FromMinutes(5), NullLogger.Instance);
    }

    public void Dispose() => dir.Dispose();

    private static ResourceKey App(string ns, string name) => new(ResourceKind.App, ns, name);

    private async Task PutPolicyAsync(string ns, string name, string target)
    {
        await store.PutAsync(new ResourceKey(ResourceKind.ScalePolicy, ns, name), AppHarness.ScalePolicy(name, target, ns), null, default);
        await informer.ResyncAsync(default);
    }

    [Fact]
    public async Task A_retargeted_or_deleted_policy_is_seen_on_the_next_look()
    {
        var owners = new ScalePolicyOwners(store, informer);
        await PutPolicyAsync("default", "scaler", "web");
        Assert.Equal("scaler", await owners.ScaledByAsync(App("default", "web"), default));
        Assert.Null(await owners.ScaledByAsync(App("default", "api"), default));

        await PutPolicyAsync("default", "scaler", "api");
        Assert.Null(await owners.ScaledByAsync(App("default", "web"), default));
        Assert.Equal("scaler", await owners.ScaledByAsync(App("default", "api"), default));

        await store.DeleteAsync(new ResourceKey(ResourceKind.ScalePolicy, "default", "scaler"), null, default);
        await informer.ResyncAsync(default);
        Assert.Null(await owners.ScaledByAsync(App("default", "api"), default));
    }

    [Fact]
    public async Task A_policy_owns_only_Apps_of_its_own_namespace()
    {
        var owners = new ScalePolicyOwners(store, informer);
        await PutPolicyAsync("team-a", "scaler", "web");
        Assert.Equal("scaler", await owners.ScaledByAsync(App("team-a", "web"), default));
        Assert.Null(await owners.ScaledByAsync(App("team-b", "web"), default));
    }

    [Fact]
    public async Task Before_the_informer_has_synced_the_store_is_read()
    {
        await PutPolicyAsync("default", "scaler", "web");
        var fresh = new ResourceInformer(store, time, TimeSpan.FromMinutes(5), NullLogger.Instance);
        Assert.Equal("scaler", await new ScalePolicyOwners(store, fresh).ScaledByAsync(App("default", "web"), default));
    }
}
