using EcsOperator.Aws;
using EcsOperator.Commands;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;
using EcsOperator.Hosting;
using EcsOperator.TestUtilities.Contracts;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Tests.EndToEnd;

/// <summary><c>ecs-operator init</c> and <c>run</c> wiring with the real DynamoDB and SQS protocols (moto) and a
/// simulated ECS: a manifest written with <c>aws dynamodb put-item</c> becomes a running service.</summary>
public sealed class RunOnMotoTests(MotoServer moto) : IClassFixture<MotoServer>
{
    [SkippableFact]
    public async Task Init_then_run_against_dynamodb_and_sqs_with_a_simulated_cluster()
    {
        moto.SkipIfUnavailable();
        // credentials for the SDK clients the operator builds (nothing else in this test project talks to AWS)
        foreach (var (k, v) in moto.AwsEnvironment) Environment.SetEnvironmentVariable(k, v);
        using var o = new StringWriter();
        using var e = new StringWriter();
        var init = await OperatorProgram.MainAsync(
            ["init", "--table", "ops", "--queue-name", "ops-jobs", "--max-receive-count", "3", "--region", moto.Region, "--endpoint-url", moto.Endpoint], o, e, CancellationToken.None);
        Assert.True(init == 0, e.ToString());

        using var state = new TempStateDirectory();
        var connection = new AwsConnection(moto.Region, null, moto.Endpoint);
        using var backends = await RunCommand.CreateAsync(connection, "ops", null, "simulated", state.Root, TimeProvider.System, CancellationToken.None);
        var settings = new OperatorSettings { MetricsPort = 0 };
        settings.Apps.Clusters.Add("default");
        await using var host = OperatorHost.Build(backends, settings, TimeProvider.System, logging: _ => { });
        await host.StartAsync();

        var manifest = OperatorWorld.App("web", replicas: 1).Replace("\"", "\\\"").Replace("\n", "\\n");
        var put = await moto.AwsCliAsync("dynamodb", "put-item", "--table-name", "ops", "--item",
            $"{{\"pk\": {{\"S\": \"App/default/web\"}}, \"manifest\": {{\"S\": \"{manifest}\"}}}}");
        Assert.True(put.ExitCode == 0, put.Stderr);

        var key = new ResourceKey(ResourceKind.App, "default", "web");
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var item = await backends.Store.GetAsync(key, default);
            if (item?.Status is { } s && StatusConditions.IsTrue(s, "Available") && s.Int("runningCount") == 1) break;
            Assert.True(DateTime.UtcNow < deadline, "not Available within a minute: " + item?.Status?.ToJsonString());
            await Task.Delay(250);
        }
        await host.StopAsync();
    }
}
