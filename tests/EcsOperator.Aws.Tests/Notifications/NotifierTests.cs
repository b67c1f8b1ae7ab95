using System.Net;
using System.Text.Json.Nodes;
using EcsOperator.Aws.Notifications;
using EcsOperator.Core.LocalStore;
using EcsOperator.Core.Notifications;
using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;
using EcsOperator.TestUtilities.Contracts;
using EcsOperator.TestUtilities.Http;
using EcsOperator.TestUtilities.Moto;
using Microsoft.Extensions.Logging.Abstractions;

namespace EcsOperator.Aws.Tests.Notifications;

/// <summary>
/// Notifications end to end: an event recorded through the notifying store reaches an SNS topic on moto (read back from
/// an SQS queue subscribed to it) and a webhook (an HTTP listener on loopback, its URL read from SSM on moto or from the
/// environment); a target that keeps failing gets a NotificationFailed event recorded on the resource.
/// </summary>
public sealed class NotifierTests(MotoServer moto) : IClassFixture<MotoServer>
{
    private static readonly ResourceKey App = new(ResourceKind.App, "default", "web");

    private static NotifierOptions Fast => new() { RetryDelay = TimeSpan.FromMilliseconds(10), AttemptTimeout = TimeSpan.FromSeconds(5) };

    private static NotificationSettings Settings(params NotificationTarget[] targets) => new(targets, TimeSpan.FromHours(1));

    private static NotificationTarget Webhook(SecretReference url, params string[] reasons) =>
        new("chat", NotificationTargetKind.Webhook, null, url, reasons.ToHashSet(), null, 30);

    private static ResourceEvent Event(string reason, string message) =>
        new(App, ResourceEvent.Warning, reason, message, 1, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);

    /// <summary>Region and endpoint given explicitly (the process environment stays as other tests expect it).</summary>
    private AwsConnection Connection() => DynamoDb.MotoAws.Connection(moto);

    [SkippableFact]
    public async Task An_event_reaches_an_sns_topic_read_back_from_a_subscribed_queue()
    {
        moto.SkipIfUnavailable();
        var connection = Connection();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var topic = JsonNode.Parse((await moto.AwsCliAsync("sns", "create-topic", "--name", "ops-" + suffix)).Stdout)!["TopicArn"]!.GetValue<string>();
        var queueUrl = JsonNode.Parse((await moto.AwsCliAsync("sqs", "create-queue", "--queue-name", "ops-" + suffix)).Stdout)!["QueueUrl"]!.GetValue<string>();
        var queueArn = $"arn:aws:sqs:{moto.Region}:123456789012:ops-{suffix}";
        Assert.Equal(0, (await moto.AwsCliAsync("sns", "subscribe", "--topic-arn", topic, "--protocol", "sqs", "--notification-endpoint", queueArn)).ExitCode);

        using var dir = new TempStateDirectory();
        var store = new LocalResourceStore(dir.Paths, TimeProvider.System);
        var target = new NotificationTarget("pager", NotificationTargetKind.Sns, topic, null, new HashSet<string> { "RolledBack" }, null, 30);
        using var notifier = new Notifier(Settings(target), NotificationSender.Create(connection, TimeProvider.System), store, TimeProvider.System,
            NullLogger<Notifier>.Instance, Fast);
        var events = new NotifyingEventStore(store, Settings(target), notifier, TimeProvider.System);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var running = notifier.RunAsync(cts.Token);

        await events.RecordAsync(App, Event("RolledBack", "rollout of revision 7 failed; back on 6"), default);
        await events.RecordAsync(App, Event("ScaledUp", "not chosen"), default);

        JsonObject? delivered = null;
        while (delivered is null && !cts.IsCancellationRequested)
        {
            var received = await moto.AwsCliAsync("sqs", "receive-message", "--queue-url", queueUrl, "--wait-time-seconds", "1");
            if (received.Stdout.Trim().Length > 0 && JsonNode.Parse(received.Stdout)?["Messages"] is JsonArray { Count: > 0 } messages)
                delivered = JsonNode.Parse(messages[0]!["Body"]!.GetValue<string>())!.AsObject();
        }
        await cts.CancelAsync();
        await running;

        Assert.NotNull(delivered);
        Assert.Equal("ecs-operator: App/default/web RolledBack", delivered!["Subject"]!.GetValue<string>());
        var message = JsonNode.Parse(delivered["Message"]!.GetValue<string>())!;
        Assert.Equal("RolledBack", message["reason"]!.GetValue<string>());
        Assert.Equal("web", message["name"]!.GetValue<string>());
        Assert.Equal("[Warning] App/default/web RolledBack: rollout of revision 7 failed; back on 6", message["text"]!.GetValue<string>());
        Assert.Equal(1, notifier.Counts.GetValueOrDefault("sent"));
    }

    [SkippableFact]
    public async Task A_webhook_whose_url_is_an_ssm_parameter_gets_slack_compatible_json()
    {
        moto.SkipIfUnavailable();
        var connection = Connection();
        using var listener = new LoopbackWebhook(HttpStatusCode.OK);
        var parameter = "/ecs-operator/chat-" + Guid.NewGuid().ToString("N")[..8];
        // (as JSON input: the CLI would fetch a --value that looks like a URL)
        var input = new JsonObject { ["Name"] = parameter, ["Type"] = "SecureString", ["Value"] = listener.Url }.ToJsonString();
        var put = await moto.AwsCliAsync("ssm", "put-parameter", "--cli-input-json", input);
        Assert.True(put.ExitCode == 0, put.Stderr);

        using var dir = new TempStateDirectory();
        var store = new LocalResourceStore(dir.Paths, TimeProvider.System);
        var target = Webhook(new SecretReference(null, parameter, null), "HookFailed");
        using var notifier = new Notifier(Settings(target), NotificationSender.Create(connection, TimeProvider.System), store, TimeProvider.System,
            NullLogger<Notifier>.Instance, Fast);
        var events = new NotifyingEventStore(store, Settings(target), notifier, TimeProvider.System);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var running = notifier.RunAsync(cts.Token);

        await events.RecordAsync(App, Event("HookFailed", "migrate exited 1"), default);
        var body = await listener.NextBodyAsync(cts.Token);
        await cts.CancelAsync();
        await running;

        Assert.Equal("[Warning] App/default/web HookFailed: migrate exited 1", JsonNode.Parse(body)!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_webhook_that_keeps_failing_gets_a_NotificationFailed_event_recorded_after_the_retries()
    {
        using var listener = new LoopbackWebhook(HttpStatusCode.InternalServerError);
        var variable = "ECS_OPERATOR_TEST_HOOK_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable(variable, listener.Url);
        var (failed, failedCount) = await FailedDeliveryAsync(Webhook(new SecretReference(variable, null, null), "BackoffLimitExceeded"),
            Event("BackoffLimitExceeded", "3 attempts failed"), TimeSpan.FromSeconds(60));

        Assert.NotNull(failed);
        Assert.Equal(ResourceEvent.Warning, failed!.Type);
        Assert.Contains("target 'chat'", failed.Message, StringComparison.Ordinal);
        Assert.Contains("HTTP 500", failed.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(listener.Url, failed.Message, StringComparison.Ordinal); // the URL is a secret
        Assert.Equal(1 + Fast.MaxRetries, listener.Requests);
        Assert.Equal(1, failedCount);
    }

    [Fact]
    public async Task A_webhook_url_from_a_missing_environment_variable_fails_at_once_with_an_event()
    {
        var target = Webhook(new SecretReference("ECS_OPERATOR_TEST_UNSET_" + Guid.NewGuid().ToString("N")[..8], null, null), "SpotDrain");
        var (failed, _) = await FailedDeliveryAsync(target, Event("SpotDrain", "i-1 draining"), TimeSpan.FromSeconds(30));
        Assert.Contains("is not set", failed!.Message, StringComparison.Ordinal);
    }

    /// <summary>Records <paramref name="e"/> through a notifying local store whose one target is <paramref name="target"/>
    /// and waits for the NotificationFailed event it leads to; also returns the notifier's count of failed deliveries.</summary>
    private static async Task<(ResourceEvent? Failed, long FailedCount)> FailedDeliveryAsync(NotificationTarget target, ResourceEvent e, TimeSpan timeout)
    {
        using var dir = new TempStateDirectory();
        var store = new LocalResourceStore(dir.Paths, TimeProvider.System);
        using var notifier = new Notifier(Settings(target), NotificationSender.CreateLocal(TimeProvider.System), store, TimeProvider.System,
            NullLogger<Notifier>.Instance, Fast);
        var events = new NotifyingEventStore(store, Settings(target), notifier, TimeProvider.System);
        using var cts = new CancellationTokenSource(timeout);
        var running = notifier.RunAsync(cts.Token);

        await events.RecordAsync(App, e, default);
        ResourceEvent? failed = null;
        while (failed is null && !cts.IsCancellationRequested)
        {
            failed = (await store.ListAsync(App, default)).FirstOrDefault(x => x.Reason == NotificationSettings.FailedReason);
            if (failed is null) await Task.Delay(50, cts.Token);
        }
        await cts.CancelAsync();
        await running;
        return (failed, notifier.Counts.GetValueOrDefault("failed"));
    }
}
