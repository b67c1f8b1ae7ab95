using EcsOperator.Aws.Wire;

namespace EcsOperator.Aws.Notifications;

/// <summary>SNS Publish over the Query protocol (API version 2010-03-31), signed like every other wire client. No
/// retries here: the notifier's pipeline owns them.</summary>
internal sealed class SnsClient(AwsWireClient wire)
{
    internal const string ApiVersion = "2010-03-31";

    /// <summary>SNS refuses a subject longer than this, or one with line breaks or non-ASCII characters.</summary>
    public const int MaxSubject = 100;

    private readonly QueryProtocol protocol = new(wire, ApiVersion);

    /// <summary>Publishes <paramref name="message"/> to <paramref name="topicArn"/>; returns the message id.</summary>
    public async Task<string> PublishAsync(string topicArn, string subject, string message, CancellationToken ct)
    {
        var result = await protocol.CallAsync("Publish", new QueryParameters()
            .Add("TopicArn", topicArn).Add("Subject", Subject(subject)).Add("Message", message), ct);
        return result.Element("MessageId")?.Value ?? "";
    }

    /// <summary>The subject as SNS accepts it: printable ASCII, one line, at most <see cref="MaxSubject"/> characters.</summary>
    public static string Subject(string s)
    {
        var clean = new string([.. s.Select(c => c is >= ' ' and <= '~' ? c : ' ')]).Trim();
        return clean.Length <= MaxSubject ? clean : clean[..(MaxSubject - 3)] + "...";
    }
}
