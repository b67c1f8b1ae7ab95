namespace EcsOperator.Aws.Notifications;

/// <summary>A notification could not be delivered. <see cref="Transient"/> failures (throttling, 5xx, network) are
/// retried; the others (a missing secret, a refused request) are not.</summary>
public sealed class NotificationDeliveryException(string message, bool transient, Exception? inner = null) : Exception(message, inner)
{
    public bool Transient { get; } = transient;
}
