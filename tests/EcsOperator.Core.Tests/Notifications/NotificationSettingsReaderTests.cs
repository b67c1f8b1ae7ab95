using EcsOperator.Core.Notifications;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Tests.Notifications;

public sealed class NotificationSettingsReaderTests
{
    [Fact]
    public void A_file_with_an_sns_and_a_webhook_target_is_read()
    {
        var settings = NotificationSettingsReader.Read("""
            repeatAfterMinutes: 15
            targets:
              - name: chat
                webhook: {url: {env: SLACK_WEBHOOK_URL}}
                reasons: [RolledBack, HookFailed]
                kinds: [App]
                ratePerMinute: 5
              - name: pager
                sns: {topicArn: 'arn:aws:sns:us-east-1:123456789012:ops'}
                reasons: [BackoffLimitExceeded]
            """, "notifications.yaml", out var errors);
        Assert.Empty(errors);
        Assert.Equal(TimeSpan.FromMinutes(15), settings!.RepeatAfter);
        var chat = settings.Targets[0];
        Assert.Equal((NotificationTargetKind.Webhook, "SLACK_WEBHOOK_URL", 5), (chat.Kind, chat.Url!.Env, chat.RatePerMinute));
        Assert.Equal([ResourceKind.App], chat.Kinds!);
        var pager = settings.Targets[1];
        Assert.Equal((NotificationTargetKind.Sns, "arn:aws:sns:us-east-1:123456789012:ops", NotificationSettings.DefaultRatePerMinute),
            (pager.Kind, pager.TopicArn, pager.RatePerMinute));
        Assert.Null(pager.Kinds);
    }

    [Fact]
    public void A_webhook_url_written_in_the_file_is_refused_at_its_line()
    {
        var settings = NotificationSettingsReader.Read("""
            targets:
              - name: chat
                webhook:
                  url: https://hooks.slack.com/services/T0/B0/secret
                reasons: [RolledBack]
            """, "n.yaml", out var errors);
        Assert.Null(settings);
        var error = Assert.Single(errors);
        Assert.StartsWith("n.yaml:4:", error, StringComparison.Ordinal);
        Assert.Contains("targets[0].webhook.url", error, StringComparison.Ordinal);
        Assert.Contains("secret", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_and_nothing_is_returned()
    {
        var settings = NotificationSettingsReader.Read("""
            targets:
              - name: a
                sns: {topicArn: 'arn:aws:sqs:us-east-1:1:q'}
                reasons: []
              - name: a
                webhook: {url: {env: X, ssmParameter: Y}}
                reasons: [RolledBack]
                kinds: [Ap]
                colour: red
              - name: c
                reasons: [RolledBack]
            """, "n.yaml", out var errors);
        Assert.Null(settings);
        Assert.Contains(errors, e => e.Contains("targets[0].sns.topicArn", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("targets[0].reasons", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("targets[1].webhook.url: set exactly one", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("'Ap' is not a kind", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("n.yaml:9:", StringComparison.Ordinal) && e.Contains("targets[1].colour: unknown field", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("targets[2]: set exactly one of 'sns' or 'webhook'", StringComparison.Ordinal));
    }

    [Fact]
    public void Yaml_that_does_not_parse_is_reported_with_its_position()
    {
        Assert.Null(NotificationSettingsReader.Read("targets: [\n  - name: x\n", "bad.yaml", out var errors));
        Assert.StartsWith("bad.yaml:", Assert.Single(errors), StringComparison.Ordinal);
    }
}
