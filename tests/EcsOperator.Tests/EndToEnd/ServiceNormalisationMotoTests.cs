using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using EcsOperator.Aws;
using EcsOperator.Aws.Resilience;
using EcsOperator.Backends;
using EcsOperator.Core.Aws;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Resources;
using EcsOperator.Hosting;
using EcsOperator.Tests.Scaling;
using EcsOperator.TestUtilities.Contracts;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Tests.EndToEnd;

/// <summary>The operator host against ECS's wire protocol on moto: right after CreateService, the service as moto
/// describes it compares equal to the spec, so later passes make no UpdateService call and report no Drift.</summary>
[Collection(ScalingMotoCollection.Name)]
public sealed class ServiceNormalisationMotoTests(MotoServer moto)
{
    private sealed class CountingEcs(IEcsApi inner) : IEcsApi
    {
        public ConcurrentDictionary<string, int> Calls { get; } = new(StringComparer.Ordinal);

        public Task<JsonObject> SendAsync(string action, JsonObject request, CancellationToken ct)
        {
            Calls.AddOrUpdate(action, 1, (_, n) => n + 1);
            return inner.SendAsync(action, request, ct);
        }
    }

    [SkippableFact]
    public async Task Create_then_describe_then_compare_is_a_no_op_on_moto()
    {
        moto.SkipIfUnavailable();
        using var aws = AwsClients.Create(new AwsConnection(moto.Region, null, moto.Endpoint), TimeProvider.System,
            new AwsClientOptions { Credentials = new BasicAWSCredentials("testing", "testing") });
        var cluster = $"norm-{Guid.NewGuid():N}"[..13];
        await aws.Ecs.SendAsync(EcsAction.CreateCluster, new JsonObject { ["clusterName"] = cluster }, default);
        var ecs = new CountingEcs(aws.Ecs);
        using var state = new TempStateDirectory();
        var store = new LocalResourceStore(state.Paths, TimeProvider.System);
        using var backends = new OperatorBackends(store, store, store, null, ecs, aws.AutoScaling, aws.Alarms, aws.Logs);
        var settings = new OperatorSettings { MetricsPort = 0 };
        settings.Apps.Clusters.Add(cluster);
        await using var host = OperatorHost.Build(backends, settings, TimeProvider.System, logging: _ => { });
        await host.StartAsync();

        var key = new ResourceKey(ResourceKind.App, "default", "web");
        await store.PutAsync(key, $$"""
            apiVersion: ecs.operator/v1
            kind: App
            metadata: {name: web}
            spec:
              cluster: {{cluster}}
              replicas: 2
              taskDefinition:
                cpu: "0.5 vCPU"
                memory: "1 GB"
                containerDefinitions:
                  - {name: web, image: "nginx:1.27", portMappings: [{containerPort: 80}]}
              service:
                deploymentConfiguration: {maximumPercent: 150, minimumHealthyPercent: 50}
                placementStrategy: [{type: spread, field: "attribute:ecs.availability-zone"}]
                enableExecuteCommand: true
            """, null, default);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (ecs.Calls.GetValueOrDefault(EcsAction.CreateService) == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no CreateService within a minute");
            await Task.Delay(100);
        }
        // moto never runs the tasks, so the rollout stays in progress and the operator keeps looking (every second or so).
        var described = ecs.Calls.GetValueOrDefault(EcsAction.DescribeServices);
        while (ecs.Calls.GetValueOrDefault(EcsAction.DescribeServices) < described + 3)
        {
            Assert.True(DateTime.UtcNow < deadline, "the operator did not look at the service again");
            await Task.Delay(100);
        }
        await host.StopAsync();

        Assert.Equal(1, ecs.Calls.GetValueOrDefault(EcsAction.CreateService));
        Assert.Equal(0, ecs.Calls.GetValueOrDefault(EcsAction.UpdateService));
        Assert.Equal(1, ecs.Calls.GetValueOrDefault(EcsAction.RegisterTaskDefinition));
        Assert.DoesNotContain(await store.ListAsync(key, default), e => e.Reason is "Drift" or "ServiceUpdated");
    }
}
