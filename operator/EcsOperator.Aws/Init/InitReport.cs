using System.Text;

namespace EcsOperator.Aws.Init;

public enum InitOutcome { Created, Found, Updated }

/// <summary>One resource <c>init</c> looked after.</summary>
/// <param name="Type">table, queue or dead-letter queue.</param>
/// <param name="Detail">What it is now (ARN or URL, stream, redrive).</param>
public sealed record InitResource(string Type, string Name, InitOutcome Outcome, string Detail)
{
    public override string ToString() => $"{Type} {Name}: {Outcome.ToString().ToLowerInvariant()} ({Detail})";
}

/// <summary>What <c>init</c> created, found or updated; <see cref="ToString"/> prints one line per resource.</summary>
public sealed record InitReport(IReadOnlyList<InitResource> Resources)
{
    public InitResource? Find(string type) => Resources.FirstOrDefault(r => r.Type == type);

    public string? TableStreamArn { get; init; }

    public string? QueueUrl { get; init; }

    public string? DeadLetterQueueUrl { get; init; }

    /// <summary>The queue the EventBridge rules deliver AWS events to (<c>run --events-queue-url</c>).</summary>
    public string? EventsQueueUrl { get; init; }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var r in Resources) text.Append(r).Append('\n');
        return text.ToString();
    }

    public bool Equals(InitReport? other) =>
        other is not null && Resources.SequenceEqual(other.Resources) && TableStreamArn == other.TableStreamArn
        && QueueUrl == other.QueueUrl && DeadLetterQueueUrl == other.DeadLetterQueueUrl;

    public override int GetHashCode() => HashCode.Combine(Resources.Count, TableStreamArn, QueueUrl);
}
