using Amazon.Runtime;
using EcsOperator.Aws;
using EcsOperator.Core.Controller;
using EcsOperator.Core.Json;
using EcsOperator.TestUtilities.Moto;

namespace EcsOperator.Tests.EndToEnd;

/// <summary>
/// The operator host checks a rollout before it starts: ECS is the simulator (it runs the tasks), the preflight probe
/// asks moto's ECR, IAM, SSM, Secrets Manager, Logs and EC2. An image tag that was never pushed blocks the new revision
/// with Progressing=False/PreflightFailed while the running revision keeps serving; pushing it lets the rollout go on.
/// </summary>
public sealed class PreflightMotoTests(MotoServer moto) : IClassFixture<MotoServer>, IAsyncLifetime
{
    private readonly OperatorWorld w = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await w.DisposeAsync();

    private static string App(PreflightWorld world, string tag) => $"""
        apiVersion: ecs.operator/v1
        kind: App
        metadata:
          name: web
        spec:
          cluster: default
          replicas: 2
          taskDefinition:
            taskRoleArn: {world.RoleArn}
            executionRoleArn: {world.RoleArn}
            containerDefinitions:
              - name: app
                image: {world.Image(tag)}
                memory: 128
                secrets:
                  - name: DATABASE_URL
                    valueFrom: {world.Parameter}
                logConfiguration:
                  logDriver: awslogs
                  options:
                    awslogs-group: {world.LogGroup}
                    awslogs-region: us-east-1
                    awslogs-stream-prefix: web
        """;

    [SkippableFact]
    public async Task A_missing_image_blocks_the_rollout_the_old_revision_keeps_running_and_pushing_it_lets_the_rollout_proceed()
    {
        moto.SkipIfUnavailable();
        var world = await PreflightWorld.CreateAsync(moto);
        using var aws = AwsClients.Create(new AwsConnection(moto.Region, null, moto.Endpoint), TimeProvider.System,
            new Aws.Resilience.AwsClientOptions { Credentials = new BasicAWSCredentials("testing", "testing") });
        await w.StartOperatorAsync(preflight: aws.Preflight);

        await w.ApplyAsync("web", App(world, "v1"));
        var first = await w.WaitForAsync("web", OperatorWorld.Available, "the first rollout (everything exists)", 60);
        var v1 = first.Str("activeTaskDefinition");
        Assert.NotNull(v1);

        await w.ApplyAsync("web", App(world, "v2"));
        var blocked = await w.WaitForAsync("web", s => StatusConditions.Get(s, "Progressing").Str("reason") == "PreflightFailed", "the preflight to block v2", 60);
        var progressing = StatusConditions.Get(blocked, "Progressing")!;
        Assert.Equal("False", progressing.Str("status"));
        Assert.Contains($"image {world.Image("v2")} does not exist", progressing.Str("message"), StringComparison.Ordinal);
        Assert.Contains("ImageNotFoundException", progressing.Str("message"), StringComparison.Ordinal);
        Assert.True(StatusConditions.IsTrue(blocked, "Available"));
        var service = (await w.ServiceAsync("web"))!;
        Assert.Equal(v1, service.Str("taskDefinition"));
        Assert.Equal(2, service.Int("runningCount"));
        Assert.Single(await w.RevisionsAsync("web"));
        var (_, events, _) = await w.EcsctlAsync("events", "app/web");
        Assert.Contains("PreflightFailed", events, StringComparison.Ordinal);

        // Another pipeline pushes the image: the next look (the missing-resource backoff) finds it and the rollout starts.
        await world.PushImageAsync("v2");
        var rolled = await w.WaitForAsync("web", s => OperatorWorld.Available(s) && s.Str("activeTaskDefinition") != v1, "the v2 rollout after the push", 90);
        Assert.Equal(2, (await w.RevisionsAsync("web")).Count);
        Assert.Equal(rolled.Str("activeTaskDefinition"), (await w.ServiceAsync("web"))!.Str("taskDefinition"));
    }
}
