using System.Net;
using System.Text.Json.Nodes;
using EcsOperator.Backends;
using EcsOperator.Core.Events;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Notifications;
using EcsOperator.Core.Resources;
using EcsOperator.Hosting;
using EcsOperator.Tests.EndToEnd;
using EcsOperator.TestUtilities.Contracts;
using EcsOperator.TestUtilities.Http;

namespace EcsOperator.Tests.Hosting;

/// <summary><c>--notifications</c> in the operator: an event a reconcile records (here the Spot drain of a pool instance)
/// is posted to the webhook; a notifications file with a problem stops the command before anything starts.</summary>
public sealed class NotificationsHostTests
{
    [Fact]
    public async Task A_spot_drain_recorded_by_the_operator_is_posted_to_the_webhook()
    {
        using var hook = new LoopbackWebhook(HttpStatusCode.OK);
        var variable = "ECS_OPERATOR_TEST_HOOK_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, hook.Url);
        using var file = new TempStateDirectory();
        var path = Path.Combine(file.Root, "notifications.yaml");
        await File.WriteAllTextAsync(path, $"targets:\n  - name: ops\n    webhook: {{url: {{env: {variable}}}}}\n    reasons: [{SpotDrainer.Reason}]\n");
        var notifications = NotificationSettingsReader.Read(await File.ReadAllTextAsync(path), path, out var errors);
        Assert.Empty(errors);

        await using var world = new OperatorWorld();
        using var eventsDir = new TempStateDirectory();
        var events = new LocalJobQueue(eventsDir.Paths, world.Time);
        await world.Store.PutAsync(new ResourceKey(ResourceKind.CapacityPool, "default", "nodes"), """
            apiVersion: ecs.operator/v1
            kind: CapacityPool
            metadata: {name: nodes}
            spec: {cluster: default, autoScalingGroupName: default-asg, scaleIn: Disabled}
            """, null, default);
        var backends = new OperatorBackends(world.Store, world.Store, world.Store, null, world.Cloud.Ecs, world.Cloud.AutoScaling, world.Cloud.Alarms, world.Cloud.Logs)
        {
            EventsQueue = events,
        };
        var settings = new OperatorSettings { MetricsPort = 0, Notifications = notifications };
        settings.Apps.Clusters.Add("default");
        await using var host = OperatorHost.Build(backends, settings, world.Time, logging: _ => { });
        await host.StartAsync();
        await world.WaitAsync(() => Task.FromResult(OperatorWorld.IsLeader(host)), "leadership");

        var victim = (await world.Cloud.AutoScaling.DescribeAutoScalingGroupsAsync(["default-asg"], default)).Single()
            .Instances.First(i => i.LifecycleState == "InService").InstanceId;
        await events.SendAsync(world.Cloud.Control.InterruptSpotInstance(victim), null, default);

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var text = JsonNode.Parse(await hook.NextBodyAsync(cts.Token))!["text"]!.GetValue<string>();
        Assert.StartsWith("[Warning] CapacityPool/default/nodes SpotDrain: ", text, StringComparison.Ordinal);
        Assert.Contains(victim, text, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_notifications_file_with_a_problem_is_a_usage_error_naming_its_line()
    {
        using var dir = new TempStateDirectory();
        var path = Path.Combine(dir.Root, "n.yaml");
        await File.WriteAllTextAsync(path, "targets:\n  - name: chat\n    webhook:\n      url: https://hooks.example.com/T/B/secret\n    reasons: [RolledBack]\n");
        using var o = new StringWriter();
        using var e = new StringWriter();
        var exit = await OperatorProgram.MainAsync(["run", "--table", "t", "--notifications", path], o, e, CancellationToken.None);
        Assert.Equal(2, exit);
        Assert.Contains($"{path}:4:", e.ToString(), StringComparison.Ordinal);
        Assert.Contains("webhook.url", e.ToString(), StringComparison.Ordinal);

        var missing = await OperatorProgram.MainAsync(["run", "--table", "t", "--notifications", path + ".absent"], o, e, CancellationToken.None);
        Assert.Equal(2, missing);
        Assert.Contains("cannot read", e.ToString(), StringComparison.Ordinal);
    }
}
