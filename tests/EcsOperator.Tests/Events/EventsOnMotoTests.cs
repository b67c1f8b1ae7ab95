using System.Text.Json.Nodes;
using EcsOperator.Aws;
using EcsOperator.Aws.Init;
using EcsOperator.Aws.Sqs;
using EcsOperator.Commands;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Events;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using EcsOperator.Hosting;
using EcsOperator.TestUtilities.Contracts;
using EcsOperator.TestUtilities.Moto;
using Microsoft.Extensions.DependencyInjection;

namespace EcsOperator.Tests.Events;

/// <summary>
/// The events path as AWS delivers it: <c>init</c> creates the events queue and the EventBridge rules (moto), an event
/// put with <c>aws events put-events</c> is routed by the rule into the queue, and the running operator (DynamoDB store
/// on moto, simulated ECS) acts on it. Job polls are set to ten minutes, so only the event can make the Job's outcome
/// appear within seconds.
/// </summary>
public sealed class EventsOnMotoTests(MotoServer moto) : IClassFixture<MotoServer>
{
    [SkippableFact]
    public async Task A_task_state_change_put_with_the_aws_cli_gets_the_jobs_outcome_written_at_once()
    {
        moto.SkipIfUnavailable();
        foreach (var (k, v) in moto.AwsEnvironment) Environment.SetEnvironmentVariable(k, v);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var connection = new AwsConnection(moto.Region, null, moto.Endpoint);
        var init = await new InfrastructureInitializer(TimeProvider.System).InitAsync(new InitOptions(connection, "ev-" + suffix, "ev-" + suffix), default);
        Assert.Equal(4, init.Resources.Count(r => r.Type == "event-rule"));
        var again = await new InfrastructureInitializer(TimeProvider.System).InitAsync(new InitOptions(connection, "ev-" + suffix, "ev-" + suffix), default);
        Assert.All(again.Resources, r => Assert.Equal(InitOutcome.Found, r.Outcome));
        var rules = await moto.AwsCliAsync("events", "list-rules", "--name-prefix", $"ev-{suffix}-events-");
        Assert.Contains("ECS Task State Change", rules.Stdout);

        using var state = new TempStateDirectory();
        var backends = await RunCommand.CreateAsync(connection, "ev-" + suffix, null, "simulated", state.Root, TimeProvider.System, default);
        var eventsQueue = await SqsJobQueue.CreateAsync(connection, init.EventsQueueUrl!, TimeProvider.System, default);
        backends = backends with { EventsQueue = eventsQueue, Owned = [.. backends.Owned, eventsQueue] };
        using var _ = backends;
        var settings = new OperatorSettings { MetricsPort = 0 };
        settings.Controller.ResyncPeriod = TimeSpan.FromMinutes(30);
        settings.Apps.Clusters.Add("default");
        await using var host = OperatorHost.Build(backends, settings, TimeProvider.System, logging: _ => { },
            configure: s => s.AddSingleton(new JobsOptions { PollInterval = TimeSpan.FromMinutes(10) }));
        await host.StartAsync();

        var key = new ResourceKey(ResourceKind.Job, "default", "report");
        await backends.Store.PutAsync(key, """
            apiVersion: ecs.operator/v1
            kind: Job
            metadata:
              name: report
              annotations: {simulator.ecs.operator/run-seconds: "2", simulator.ecs.operator/exit-code: "0"}
            spec:
              cluster: default
              taskDefinition: {family: report, containerDefinitions: [{name: app, image: "rails:7", memory: 128}]}
            """, Versions.MustNotExist, default);

        var running = await WaitAsync(backends.Store, key, s => s.Str("phase") == "Running" && s.Arr("taskArns").Strings().Any(), TimeSpan.FromSeconds(60));
        var taskArn = running.Arr("taskArns").Strings().Last();
        JsonObject task;
        var stopDeadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var (tasks, _) = await backends.Ecs.DescribeTasksAsync("default", [taskArn], default);
            task = tasks.Single();
            if (task.Str("lastStatus") == "STOPPED") break;
            Assert.True(DateTime.UtcNow < stopDeadline, "the simulated task did not stop");
            await Task.Delay(200);
        }
        // the task has stopped, but nothing has told the operator: the Job still reads Running
        Assert.Equal("Running", (await backends.Store.GetAsync(key, default))!.Status.Str("phase"));

        task.Remove("tags"); // ECS events carry no tags
        task["clusterArn"] = $"arn:aws:ecs:{moto.Region}:123456789012:cluster/default";
        var entry = new JsonArray(new JsonObject
        {
            ["Source"] = "aws.ecs",
            ["DetailType"] = AwsEventParser.TaskStateChange,
            ["Resources"] = new JsonArray(taskArn),
            ["Detail"] = task.ToJsonString(),
        });
        var sent = DateTime.UtcNow;
        var put = await moto.AwsCliAsync("events", "put-events", "--entries", entry.ToJsonString());
        Assert.True(put.ExitCode == 0, put.Stderr);
        // sent twice: a duplicate changes nothing
        Assert.Equal(0, (await moto.AwsCliAsync("events", "put-events", "--entries", entry.ToJsonString())).ExitCode);

        var done = await WaitAsync(backends.Store, key, s => s.Str("phase") == "Succeeded", TimeSpan.FromSeconds(15));
        Assert.Equal(0, done.Int("exitCode"));
        Assert.Equal(0, done.Int("failures"));
        Assert.True(DateTime.UtcNow - sent < TimeSpan.FromSeconds(15));

        // an unknown event is deleted and counted, not left to dead-letter
        var stats = host.Services.GetRequiredService<EventIntakeStats>();
        Assert.Equal(0, (await moto.AwsCliAsync("events", "put-events", "--entries",
            """[{"Source":"aws.ecs","DetailType":"ECS Service Action","Resources":["not-a-service"],"Detail":"{}"}]""")).ExitCode);
        var dropDeadline = DateTime.UtcNow.AddSeconds(30);
        while (stats.DroppedTotal == 0)
        {
            Assert.True(DateTime.UtcNow < dropDeadline, "the malformed event was not dropped");
            await Task.Delay(100);
        }
        Assert.Equal(1, stats.DroppedByReason["malformed"]);
        Assert.True(stats.RoutedByKind[nameof(TaskStateChanged)] >= 2);
        await host.StopAsync();
    }

    private static async Task<JsonObject> WaitAsync(IResourceStore store, ResourceKey key, Func<JsonObject, bool> done, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            var item = await store.GetAsync(key, default);
            if (item?.Status is { } s && done(s)) return s;
            Assert.True(DateTime.UtcNow < deadline, $"{key} not there within {limit}: {item?.Status?.ToJsonString()}");
            await Task.Delay(100);
        }
    }
}
