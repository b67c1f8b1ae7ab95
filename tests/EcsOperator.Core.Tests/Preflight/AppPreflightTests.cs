using System.Collections.Concurrent;
using EcsOperator.Core.Apps;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Controller.LiveState;
using EcsOperator.Core.Json;
using EcsOperator.Core.Preflight;
using EcsOperator.Core.Tests.Apps;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOperator.Core.Tests.Preflight;

/// <summary>The check before a rollout, in the App reconciler against the simulator: a missing thing blocks the new
/// revision (nothing registered, the running one untouched) and is looked at again on the growing missing-resource
/// backoff; once it exists the rollout goes on.</summary>
public sealed class AppPreflightTests : IDisposable
{
    private const string V1 = "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v1";
    private const string V2 = "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:v2";
    private readonly AppHarness h = new();
    private readonly Registry registry = new();
    private readonly AppReconciler reconciler;

    public AppPreflightTests()
    {
        registry.Images[V1] = true;
        reconciler = new AppReconciler(h.Store, h.Store, h.Store, h.Ecs, h.Services, new TaskDefinitionCache(h.Ecs), h.Informer,
            new NoPreDeployHooks(), h.Options, h.Time, NullLogger<AppReconciler>.Instance, new AppPreflight(registry, h.Store, h.Time));
    }

    public void Dispose() => h.Dispose();

    /// <summary>Images that exist, as a registry would answer; every other kind of check is skipped.</summary>
    private sealed class Registry : IPreflightProbe
    {
        public ConcurrentDictionary<string, bool> Images { get; } = new();
        public int Calls;

        public Task<PreflightResult> ProbeAsync(PreflightCheck check, CancellationToken ct)
        {
            Interlocked.Increment(ref Calls);
            if (check.Kind != PreflightKind.Image) return Task.FromResult(PreflightResult.Skipped("not modelled"));
            if (check.Subject.EndsWith(":denied", StringComparison.Ordinal)) throw AwsApiException.From("AccessDeniedException", "not allowed to ecr:DescribeImages");
            return Task.FromResult(Images.ContainsKey(check.Subject) ? PreflightResult.Ok() : PreflightResult.Missing("ImageNotFoundException"));
        }
    }

    private async Task<ReconcileResult> ConvergeAsync(int maxSteps = 40)
    {
        var result = ReconcileResult.Done;
        for (var i = 0; i < maxSteps; i++)
        {
            result = await reconciler.ReconcileAsync(AppHarness.Key("web"), default);
            if (result.RequeueAfter is not { } after || after >= TimeSpan.FromSeconds(30)) break;
            h.Step(after);
        }
        return result;
    }

    [Fact]
    public async Task A_missing_image_blocks_the_rollout_while_the_old_revision_serves_and_the_rollout_follows_once_it_is_pushed()
    {
        await h.ApplyAsync("web", AppHarness.App("web", image: V1));
        await ConvergeAsync();
        var v1Service = (await h.ServiceAsync("web"))!;
        Assert.Equal("True", AppHarness.Condition(await h.StatusAsync("web"), "Available"));

        await h.ApplyAsync("web", AppHarness.App("web", image: V2));
        var blocked = await reconciler.ReconcileAsync(AppHarness.Key("web"), default);
        Assert.Equal(TimeSpan.FromSeconds(30), blocked.RequeueAfter);
        var status = await h.StatusAsync("web");
        Assert.Equal(("False", "PreflightFailed"), (AppHarness.Condition(status, "Progressing"), AppHarness.Condition(status, "Progressing", "reason")));
        Assert.Contains($"image {V2} does not exist (containerDefinitions[app].image", AppHarness.Condition(status, "Progressing", "message"), StringComparison.Ordinal);
        Assert.Equal("True", AppHarness.Condition(status, "Available"));
        Assert.Contains("PreflightFailed", await h.EventReasonsAsync("web"));
        Assert.Single(await h.RevisionsAsync("web"));
        var service = (await h.ServiceAsync("web"))!;
        Assert.Equal(v1Service.Str("taskDefinition"), service.Str("taskDefinition"));
        Assert.Equal(2, service.Int("runningCount"));

        // Still missing: the wait grows with the time it has been missing, as for any missing resource.
        h.Step(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(30), (await reconciler.ReconcileAsync(AppHarness.Key("web"), default)).RequeueAfter);
        h.Step(TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(60), (await reconciler.ReconcileAsync(AppHarness.Key("web"), default)).RequeueAfter);

        registry.Images[V2] = true;
        await ConvergeAsync();
        status = await h.StatusAsync("web");
        Assert.Equal("NewRevisionAvailable", AppHarness.Condition(status, "Progressing", "reason"));
        Assert.Equal(2, (await h.RevisionsAsync("web")).Count);
        Assert.NotEqual(v1Service.Str("taskDefinition"), (await h.ServiceAsync("web"))!.Str("taskDefinition"));

        // No rollout pending: a steady-state pass asks the probe nothing.
        var calls = registry.Calls;
        await reconciler.ReconcileAsync(AppHarness.Key("web"), default);
        Assert.Equal(calls, registry.Calls);
    }

    [Fact]
    public async Task A_lookup_that_fails_does_not_block_and_is_reported_in_an_event()
    {
        await h.ApplyAsync("web", AppHarness.App("web", image: "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:denied"));
        await ConvergeAsync();
        var status = await h.StatusAsync("web");
        Assert.Equal("True", AppHarness.Condition(status, "Available"));
        Assert.Contains("PreflightIncomplete", await h.EventReasonsAsync("web"));
        Assert.DoesNotContain("PreflightFailed", await h.EventReasonsAsync("web"));
    }
}
