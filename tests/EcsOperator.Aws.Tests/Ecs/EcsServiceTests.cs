using System.Text.Json.Nodes;
using EcsOperator.Aws.Tests.Wire;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.Ecs;

[Collection(AwsClientsMotoCollection.Name)]
public sealed class EcsServiceTests(MotoServer moto)
{
    private static async Task<(string Cluster, string TaskDefinitionArn)> ClusterWithTaskDefinitionAsync(IEcsApi ecs)
    {
        var cluster = AwsClientsMoto.Unique("svc");
        await ecs.SendAsync(EcsAction.CreateCluster, new JsonObject { ["clusterName"] = cluster }, default);
        var td = await ecs.SendAsync(EcsAction.RegisterTaskDefinition, JsonNode.Parse($$"""
            { "family": "{{cluster}}", "containerDefinitions": [ { "name": "app", "image": "nginx", "memory": 64 } ] }
            """)!.AsObject(), default);
        return (cluster, td.Obj("taskDefinition").Str("taskDefinitionArn")!);
    }

    private static JsonObject ServiceRequest(string cluster, string name, string taskDefinition, int desired) => JsonNode.Parse($$"""
        {
          "cluster": "{{cluster}}", "serviceName": "{{name}}", "taskDefinition": "{{taskDefinition}}", "desiredCount": {{desired}},
          "launchType": "EC2", "schedulingStrategy": "REPLICA", "propagateTags": "SERVICE", "enableECSManagedTags": true,
          "deploymentConfiguration": { "maximumPercent": 200, "minimumHealthyPercent": 100 },
          "tags": [ { "key": "{{OperatorTags.Managed}}", "value": "true" }, { "key": "{{OperatorTags.Owner}}", "value": "App/default/{{name}}" } ]
        }
        """)!.AsObject();

    [SkippableFact]
    public async Task Create_update_and_delete_service_are_seen_by_the_cli()
    {
        moto.SkipIfUnavailable();
        using var aws = AwsClientsMoto.Create(moto);
        var (cluster, td) = await ClusterWithTaskDefinitionAsync(aws.Ecs);

        var created = await aws.Ecs.SendAsync(EcsAction.CreateService, ServiceRequest(cluster, "web", td, 2), default);
        var serviceArn = created.Obj("service").Str("serviceArn")!;

        var cli = JsonNode.Parse(await moto.CliAsync("ecs", "describe-services", "--cluster", cluster, "--services", "web", "--include", "TAGS"))!.AsObject();
        var seen = cli.Arr("services").Objects().Single();
        Assert.Equal(serviceArn, seen.Str("serviceArn"));
        Assert.Equal(2, seen.Int("desiredCount"));
        Assert.Equal(td, seen.Str("taskDefinition"));
        Assert.Contains(seen.Arr("tags").Objects(), t => t.Str("key") == OperatorTags.Owner && t.Str("value") == "App/default/web");

        await aws.Ecs.SendAsync(EcsAction.UpdateService, new JsonObject { ["cluster"] = cluster, ["service"] = "web", ["desiredCount"] = 5 }, default);
        var desired = await moto.CliAsync("ecs", "describe-services", "--cluster", cluster, "--services", "web", "--query", "services[0].desiredCount", "--output", "text");
        Assert.Equal("5", desired.Trim());

        await aws.Ecs.SendAsync(EcsAction.DeleteService, new JsonObject { ["cluster"] = cluster, ["service"] = "web", ["force"] = true }, default);
        var (services, _) = await aws.Ecs.DescribeServicesAsync(cluster, ["web"], default);
        Assert.All(services, s => Assert.NotEqual("ACTIVE", s.Str("status")));
    }

    [SkippableFact]
    public async Task DescribeServices_batches_by_ten_and_ListServices_returns_every_service()
    {
        moto.SkipIfUnavailable();
        using var aws = AwsClientsMoto.Create(moto);
        var (cluster, td) = await ClusterWithTaskDefinitionAsync(aws.Ecs);
        var names = Enumerable.Range(1, 23).Select(i => $"s{i:00}").ToList();
        await Task.WhenAll(names.Select(n => aws.Ecs.SendAsync(EcsAction.CreateService, ServiceRequest(cluster, n, td, 1), default)));

        var (services, failures) = await aws.Ecs.DescribeServicesAsync(cluster, [.. names, "absent"], default);
        Assert.Equal(names, services.Select(s => s.Str("serviceName")!).Order(StringComparer.Ordinal));
        Assert.All(services, s => Assert.Contains(s.Arr("tags").Objects(), t => t.Str("key") == OperatorTags.Managed));
        Assert.Contains("absent", failures.Single().Str("arn"), StringComparison.Ordinal);
        Assert.Equal("MISSING", failures.Single().Str("reason"));

        var arns = await aws.Ecs.ListServicesAsync(cluster, default);
        Assert.Equal(services.Select(s => s.Str("serviceArn")!).Order(StringComparer.Ordinal), arns.Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Missing_service_and_cluster_are_typed_not_found()
    {
        moto.SkipIfUnavailable();
        using var aws = AwsClientsMoto.Create(moto);
        var (cluster, _) = await ClusterWithTaskDefinitionAsync(aws.Ecs);

        var noService = await Assert.ThrowsAsync<AwsApiException>(() =>
            aws.Ecs.SendAsync(EcsAction.UpdateService, new JsonObject { ["cluster"] = cluster, ["service"] = "nope", ["desiredCount"] = 1 }, default));
        Assert.Equal(AwsErrorKind.NotFound, noService.Kind);
        Assert.Equal("ServiceNotFoundException", noService.Code);

        var noCluster = await Assert.ThrowsAsync<AwsApiException>(() =>
            aws.Ecs.SendAsync(EcsAction.ListServices, new JsonObject { ["cluster"] = AwsClientsMoto.Unique("nocluster") }, default));
        Assert.Equal(AwsErrorKind.NotFound, noCluster.Kind);
        Assert.Equal("ClusterNotFoundException", noCluster.Code);
    }
}
