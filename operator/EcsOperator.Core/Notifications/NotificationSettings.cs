using EcsOperator.Core.Resources;
using EcsOperator.Core.Store;

namespace EcsOperator.Core.Notifications;

/// <summary>Where a notification goes.</summary>
public enum NotificationTargetKind
{
    /// <summary>An SNS topic (Publish): e-mail, SMS, a pager or a queue subscribes to it.</summary>
    Sns,

    /// <summary>An HTTPS webhook taking Slack-compatible JSON (<c>{"text": ...}</c>).</summary>
    Webhook,
}

/// <summary>
/// Where a secret value is read at send time, so the settings file holds no secret: an environment variable of the
/// operator's process, an SSM parameter (SecureString decrypted) or a Secrets Manager secret (its SecretString).
/// Exactly one is set.
/// </summary>
public sealed record SecretReference(string? Env, string? SsmParameter, string? SecretsManagerSecret)
{
    public override string ToString() =>
        Env is not null ? $"environment variable {Env}" : SsmParameter is not null ? $"SSM parameter {SsmParameter}" : $"Secrets Manager secret {SecretsManagerSecret}";
}

/// <summary>One target: what it receives (event reasons, optionally only of some kinds) and at what rate at most.</summary>
/// <param name="TopicArn">The SNS topic (for <see cref="NotificationTargetKind.Sns"/>); not a secret.</param>
/// <param name="Url">Where the webhook URL is read (for <see cref="NotificationTargetKind.Webhook"/>).</param>
/// <param name="Kinds">Only events of these kinds; null for every kind.</param>
/// <param name="RatePerMinute">Notifications this target is sent at most per minute; more are dropped and counted.</param>
public sealed record NotificationTarget(
    string Name, NotificationTargetKind Kind, string? TopicArn, SecretReference? Url, IReadOnlySet<string> Reasons,
    IReadOnlySet<ResourceKind>? Kinds, int RatePerMinute)
{
    public bool Matches(ResourceEvent e) => Reasons.Contains(e.Reason) && (Kinds is null || Kinds.Contains(e.Key.Kind));
}

/// <summary>The operator's notification targets, read from the file given with <c>--notifications</c>.</summary>
/// <param name="RepeatAfter">An event recorded again with the same reason and message (a condition that persists) is
/// notified again only after this long.</param>
public sealed record NotificationSettings(IReadOnlyList<NotificationTarget> Targets, TimeSpan RepeatAfter)
{
    /// <summary>The reason of the event recorded on a resource when a notification about it could not be delivered;
    /// never itself notified.</summary>
    public const string FailedReason = "NotificationFailed";

    public static readonly TimeSpan DefaultRepeatAfter = TimeSpan.FromHours(1);

    public const int DefaultRatePerMinute = 30;
}
