using System.Text.Json.Nodes;
using EcsOperator.Aws;
using EcsOperator.Aws.DynamoDb;
using EcsOperator.Aws.Init;
using EcsOperator.Aws.Sqs;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Queue;
using EcsOperator.Core.Resources;
using EcsOperator.TestUtilities.Moto;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOperator.Tests.Jobs;

/// <summary>Job requests as users send them: the <c>aws</c> CLI into SQS (moto), Jobs in DynamoDB (moto), tasks on the
/// simulated cluster. Every message ends as one Job run once; poison messages land in the dead-letter queue with reasons.</summary>
public sealed class SqsJobIntakeTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private static string RepoFile(string relative)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Operator.sln"))) dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"), relative);
    }

    [SkippableFact]
    public async Task Messages_sent_with_the_aws_cli_end_as_jobs_run_once_and_poison_is_dead_lettered() => await RunAsync(20);

    [SkippableFact]
    public async Task A_thousand_messages_sent_with_the_aws_cli_end_as_a_thousand_jobs_run_once()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable(JobsBenchmarkTests.FullSizeVariable) == "1",
            $"set {JobsBenchmarkTests.FullSizeVariable}=1 to send 1,000 messages through moto (minutes)");
        await RunAsync(1000);
    }

    private async Task RunAsync(int messages)
    {
        moto.SkipIfUnavailable();
        foreach (var (k, v) in moto.AwsEnvironment)
        {
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(k))) Environment.SetEnvironmentVariable(k, v);
        }
        var connection = new AwsConnection(moto.Region, null, moto.Endpoint);
        var suffix = Guid.NewGuid().ToString("N")[..10];
        var init = await new InfrastructureInitializer(TimeProvider.System).InitAsync(
            new InitOptions(connection, "jobs-" + suffix, "jobs-" + suffix) { VisibilityTimeoutSeconds = 30 }, default);
        using var world = new JobWorld(instances: 6, instanceType: "m5.4xlarge");
        using var store = DynamoDbResourceStore.Create(connection, "jobs-" + suffix, world.Time);
        using var queue = await SqsJobQueue.CreateAsync(connection, init.QueueUrl!, TimeProvider.System, default);
        world.Rebuild(store: store);

        // The App the Jobs refer to, with its current revision.
        var app = new ResourceKey(ResourceKind.App, "default", "web");
        await store.PutAsync(app, "apiVersion: ecs.operator/v1\nkind: App\nmetadata: {name: web}\nspec:\n  cluster: default\n  taskDefinition:\n    containerDefinitions: [{name: app, image: rails, memory: 256}]\n", null, default);
        var revision = await world.RegisterRevisionAsync(app, "web", 256);
        await store.UpdateStatusAsync(app, (await store.GetAsync(app, default))!.ManifestHash, new JsonObject { ["activeTaskDefinition"] = revision }, default);

        // As written in the README: the sample manifest as the message body.
        Assert.Equal(0, (await moto.AwsCliAsync("sqs", "send-message", "--queue-url", init.QueueUrl!, "--message-body", await File.ReadAllTextAsync(RepoFile("samples/jobs/rake.yaml")))).ExitCode);
        const string body = "apiVersion: ecs.operator/v1\nkind: Job\nmetadata:\n  annotations: {simulator.ecs.operator/run-seconds: \"10\"}\nspec:\n  appRef: web\n  command: [bundle, exec, rake, reports:one]\n";
        foreach (var batch in Enumerable.Range(0, messages).Chunk(10))
        {
            var entries = new JsonArray([.. batch.Select(i => (JsonNode)new JsonObject { ["Id"] = $"m{i}", ["MessageBody"] = body })]);
            var sent = await moto.AwsCliAsync("sqs", "send-message-batch", "--queue-url", init.QueueUrl!, "--entries", entries.ToJsonString());
            Assert.True(sent.ExitCode == 0, sent.Stderr);
        }
        string[] poison =
        [
            "{{ not: yaml",
            "apiVersion: ecs.operator/v1\nkind: Job\nspec:\n  cluster: default\n  taskDefinition: {containerDefinitions: [{name: x, image: evil, memory: 64}]}",
            "apiVersion: ecs.operator/v1\nkind: Job\nspec: {appRef: nope}",
        ];
        foreach (var p in poison) Assert.Equal(0, (await moto.AwsCliAsync("sqs", "send-message", "--queue-url", init.QueueUrl!, "--message-body", p)).ExitCode);

        var intake = new JobIntake(queue, store, store, new JobsOptions { QueueWait = TimeSpan.FromSeconds(1), QueueConcurrency = 8 }, world.Time, NullLogger<JobIntake>.Instance);
        var outcomes = new List<JobIntake.Outcome>();
        var deadline = DateTime.UtcNow.AddMinutes(messages > 100 ? 20 : 2);
        while (outcomes.Count(o => o != JobIntake.Outcome.Retry) < messages + 1 + poison.Length && DateTime.UtcNow < deadline)
            outcomes.AddRange(await intake.ReceiveOnceAsync(default));
        Assert.Equal(messages + 1, outcomes.Count(o => o == JobIntake.Outcome.Accepted));
        Assert.Equal(poison.Length, outcomes.Count(o => o == JobIntake.Outcome.DeadLettered));

        var jobs = await store.ListAsync(ResourceKind.Job, "default", default);
        Assert.Equal(messages + 1, jobs.Count);
        foreach (var job in jobs) world.Track(job.Key);
        await world.DriveAsync(async () => (await store.ListAsync(ResourceKind.Job, "default", default)).All(j => JobState.FromJson(j.Status)?.IsFinished == true),
            TimeSpan.FromHours(1), checkEvery: TimeSpan.FromSeconds(10));
        foreach (var job in await store.ListAsync(ResourceKind.Job, "default", default))
        {
            var s = JobState.FromJson(job.Status)!;
            Assert.Equal(JobPhases.Succeeded, s.Phase);
            Assert.Single(await world.TasksStartedByAsync(JobTokens.StartedBy(job.Key, s.Uid, 1)));
        }

        using var dlq = await SqsJobQueue.CreateAsync(connection, init.DeadLetterQueueUrl!, TimeProvider.System, default);
        var dead = new List<QueueMessage>();
        for (var i = 0; i < 10 && dead.Count < poison.Length; i++) dead.AddRange(await dlq.ReceiveAsync(10, TimeSpan.FromSeconds(1), default));
        Assert.Equal(poison.Length, dead.Count);
        Assert.All(dead, d => Assert.False(string.IsNullOrWhiteSpace(d.Attributes.GetValueOrDefault(QueueAttributes.DeadLetterReason))));
        Assert.Contains(dead, d => d.Attributes[QueueAttributes.DeadLetterReason].Contains("appRef", StringComparison.Ordinal));
        Assert.Contains(dead, d => d.Attributes[QueueAttributes.DeadLetterReason].Contains("App nope does not exist", StringComparison.Ordinal));
    }
}
