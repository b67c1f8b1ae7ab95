using System.Text.Json.Nodes;
using EcsOperator.Aws;
using EcsOperator.Commands;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Resources;
using EcsOperator.Hosting;
using EcsOperator.TestUtilities.Contracts;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Tests.EndToEnd;

/// <summary>
/// The operator, wired as <c>ecs-operator run</c> with the wire clients against moto, deploys an App and launches a
/// Job; every AWS action its clients sent is allowed by samples/operator/iam-policy.json and by the role in
/// samples/infra/operator.template. An action added to the code without the policy fails here.
/// </summary>
public sealed class IamPolicyCoverageTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private static readonly string Samples = Path.Combine(FindRepoRoot(), "samples");

    [SkippableFact]
    public async Task Every_action_the_operator_sends_through_its_wire_clients_is_in_both_policies()
    {
        moto.SkipIfUnavailable();
        foreach (var (k, v) in moto.AwsEnvironment) Environment.SetEnvironmentVariable(k, v);
        using var o = new StringWriter();
        using var e = new StringWriter();
        var table = "iam-" + Guid.NewGuid().ToString("N")[..8];
        Assert.True(await OperatorProgram.MainAsync(["init", "--table", table, "--queue-name", table + "-jobs", "--region", moto.Region,
            "--endpoint-url", moto.Endpoint], o, e, CancellationToken.None) == 0, e.ToString());
        var cluster = await moto.AwsCliAsync("ecs", "create-cluster", "--cluster-name", "default");
        Assert.True(cluster.ExitCode == 0, cluster.Stderr);

        var connection = new AwsConnection(moto.Region, null, moto.Endpoint);
        using var backends = await RunCommand.CreateAsync(connection, table, null, "aws", null, TimeProvider.System, CancellationToken.None);
        var settings = new OperatorSettings { MetricsPort = 0 };
        settings.Apps.Clusters.Add("default");
        await using var host = OperatorHost.Build(backends, settings, TimeProvider.System, logging: _ => { });
        await host.StartAsync();

        await backends.Store.PutAsync(new ResourceKey(ResourceKind.App, "default", "web"), OperatorWorld.App("web", replicas: 1), null, default);
        await backends.Store.PutAsync(new ResourceKey(ResourceKind.Job, "default", "once"), """
            apiVersion: ecs.operator/v1
            kind: Job
            metadata: {name: once}
            spec:
              cluster: default
              taskDefinition:
                containerDefinitions: [{name: main, image: "busybox:1", memory: 64, essential: true, command: [echo, hi]}]
            """, null, default);
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (!Called(backends, "ecs", EcsAction.CreateService) || !Called(backends, "ecs", EcsAction.RunTask))
        {
            Assert.True(DateTime.UtcNow < deadline, "the operator did not reach CreateService and RunTask on moto within 3 minutes (a loaded machine): "
                + string.Join(", ", Recorded(backends)));
            await Task.Delay(250);
        }
        await backends.Store.PutAsync(new ResourceKey(ResourceKind.App, "default", "web"), OperatorWorld.App("web", image: "nginx:2", replicas: 1),
            (await backends.Store.GetAsync(new ResourceKey(ResourceKind.App, "default", "web"), default))!.Version, default);
        deadline = DateTime.UtcNow.AddSeconds(180);
        while (!Called(backends, "ecs", EcsAction.UpdateService))
        {
            Assert.True(DateTime.UtcNow < deadline, "no UpdateService after an image change: " + string.Join(", ", Recorded(backends)));
            await Task.Delay(250);
        }
        await host.StopAsync();

        var policy = PolicyActions(JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Samples, "operator", "iam-policy.json")))!);
        var template = await File.ReadAllTextAsync(Path.Combine(Samples, "infra", "operator.template"));
        var recorded = Recorded(backends).ToList();
        Assert.Contains("ecs:RegisterTaskDefinition", recorded);
        Assert.All(recorded, action =>
        {
            Assert.True(policy.Contains(action), $"{action} is sent by the operator but not allowed by samples/operator/iam-policy.json");
            Assert.True(template.Contains($"- {action}\n", StringComparison.Ordinal) || template.Contains($"Action: {action}\n", StringComparison.Ordinal),
                $"{action} is sent by the operator but not allowed by the role in samples/infra/operator.template");
        });
    }

    [Fact]
    public void Every_ECS_action_of_the_operator_is_in_both_policies()
    {
        var policy = PolicyActions(JsonNode.Parse(File.ReadAllText(Path.Combine(Samples, "operator", "iam-policy.json")))!);
        var template = File.ReadAllText(Path.Combine(Samples, "infra", "operator.template"));
        // CreateCluster is the simulator's and ecs-operator local's, never the operator's against AWS.
        foreach (var action in EcsAction.All.Where(a => a != EcsAction.CreateCluster).Select(a => "ecs:" + a))
        {
            Assert.Contains(action, policy);
            Assert.Contains($"- {action}\n", template, StringComparison.Ordinal);
        }
    }

    private static bool Called(Backends.OperatorBackends b, string service, string action) =>
        b.Metrics.AwsCalls.Keys.Any(k => k.Service == service && k.Action == action);

    /// <summary>IAM names of the actions sent (CloudWatch's endpoint is "monitoring", its IAM prefix "cloudwatch").</summary>
    private static IEnumerable<string> Recorded(Backends.OperatorBackends b) =>
        b.Metrics.AwsCalls.Keys.Select(k => (k.Service == "monitoring" ? "cloudwatch" : k.Service) + ":" + k.Action).Distinct().Order(StringComparer.Ordinal);

    private static HashSet<string> PolicyActions(JsonNode policy)
    {
        var actions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var statement in policy["Statement"]!.AsArray())
        {
            if (statement!["Effect"]!.GetValue<string>() != "Allow") continue;
            if (statement["Action"] is JsonArray many) actions.UnionWith(many.Select(a => a!.GetValue<string>()));
            else actions.Add(statement["Action"]!.GetValue<string>());
        }
        return actions;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Operator.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Operator.sln not found above " + AppContext.BaseDirectory);
    }
}
