using System.Text.Json;
using System.Text.Json.Serialization;
using EcsOperator.Core.Queue;

namespace EcsOperator.Core.LocalStore;

/// <summary>
/// One message of the local queue as stored in <c>queue/messages/&lt;id&gt;.json</c>. Only <c>body</c> is required,
/// so a message can be dropped in by hand (<c>{"body": "..."}</c>) the way <c>aws sqs send-message</c> sends one.
/// </summary>
internal sealed record MessageFile(
    [property: JsonPropertyName("body")] string Body,
    [property: JsonPropertyName("attributes")] Dictionary<string, string>? Attributes,
    [property: JsonPropertyName("sentAt")] DateTimeOffset SentAt,
    [property: JsonPropertyName("receiveCount")] int ReceiveCount,
    [property: JsonPropertyName("visibleAt")] DateTimeOffset VisibleAt,
    [property: JsonPropertyName("receiptHandle")] string? ReceiptHandle)
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Options);

    public QueueMessage ToMessage(string id) =>
        new(id, ReceiptHandle ?? "", Body, ReceiveCount, Attributes ?? new Dictionary<string, string>());

    /// <summary>The message, or null when the file is not a message (invalid JSON, no body).</summary>
    public static MessageFile? TryParse(byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<MessageFile>(bytes, Options) is { Body: not null } m ? m : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
