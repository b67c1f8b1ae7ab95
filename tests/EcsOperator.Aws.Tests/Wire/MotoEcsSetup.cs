using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Aws.Tests.Wire;

/// <summary>ECS set-up on moto: moto places EC2 tasks only on a registered container instance, which needs a real (moto)
/// EC2 instance. One is started per server with <c>aws ec2 run-instances</c> and registered in each test's own cluster.</summary>
internal static class MotoEcsSetup
{
    private static readonly SemaphoreSlim Lock = new(1, 1);
    private static readonly Dictionary<string, string> InstanceIds = [];

    /// <summary>A fresh cluster with one ACTIVE container instance and a task definition whose family is the cluster name.</summary>
    public static async Task<(string Cluster, string ContainerInstanceArn, string Family)> ClusterWithInstanceAsync(MotoServer moto, IEcsApi ecs)
    {
        string? instanceId;
        await Lock.WaitAsync();
        try
        {
            if (!InstanceIds.TryGetValue(moto.Endpoint, out instanceId))
            {
                instanceId = (await moto.CliAsync("ec2", "run-instances", "--image-id", "ami-12c6146b", "--count", "1",
                    "--instance-type", "t3.micro", "--query", "Instances[0].InstanceId", "--output", "text")).Trim();
                InstanceIds[moto.Endpoint] = instanceId;
            }
        }
        finally
        {
            Lock.Release();
        }
        var cluster = AwsClientsMoto.Unique("tasks");
        await ecs.SendAsync(EcsAction.CreateCluster, new JsonObject { ["clusterName"] = cluster }, default);
        var document = new JsonObject { ["instanceId"] = instanceId, ["region"] = moto.Region, ["availabilityZone"] = moto.Region + "a" };
        var registered = await ecs.SendAsync("RegisterContainerInstance", new JsonObject
        {
            ["cluster"] = cluster,
            ["instanceIdentityDocument"] = document.ToJsonString(),
        }, default);
        await ecs.SendAsync(EcsAction.RegisterTaskDefinition, JsonNode.Parse($$"""
            { "family": "{{cluster}}", "containerDefinitions": [ { "name": "app", "image": "busybox", "memory": 32 } ] }
            """)!.AsObject(), default);
        return (cluster, registered.Obj("containerInstance").Str("containerInstanceArn")!, cluster);
    }
}
