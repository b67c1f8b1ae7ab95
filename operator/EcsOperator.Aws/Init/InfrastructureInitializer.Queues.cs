using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace EcsOperator.Aws.Init;

public sealed partial class InfrastructureInitializer
{
    public const string QueueType = "queue";
    public const string DeadLetterQueueType = "dead-letter-queue";

    private static async Task<(InitResource Resource, string Url, string Arn)> EnsureDeadLetterQueueAsync(
        IAmazonSQS sqs, InitOptions options, CancellationToken ct)
    {
        var name = options.EffectiveDeadLetterQueueName;
        var (url, outcome) = await GetOrCreateQueueAsync(sqs, name, new Dictionary<string, string>
        {
            ["MessageRetentionPeriod"] = "1209600",
        }, ct);
        var arn = await QueueArnAsync(sqs, url, ct);
        return (new InitResource(DeadLetterQueueType, name, outcome, url), url, arn);
    }

    private static async Task<(InitResource Resource, string Url)> EnsureQueueAsync(
        IAmazonSQS sqs, InitOptions options, string deadLetterArn, CancellationToken ct)
    {
        var redrive = new JsonObject
        {
            ["deadLetterTargetArn"] = deadLetterArn,
            ["maxReceiveCount"] = options.MaxReceiveCount.ToString(CultureInfo.InvariantCulture),
        }.ToJsonString();
        var (url, outcome) = await GetOrCreateQueueAsync(sqs, options.QueueName, new Dictionary<string, string>
        {
            ["RedrivePolicy"] = redrive,
            ["VisibilityTimeout"] = options.VisibilityTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
        }, ct);

        if (outcome == InitOutcome.Found)
        {
            var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["RedrivePolicy"] }, ct);
            var current = attributes.Attributes?.GetValueOrDefault("RedrivePolicy");
            if (!SameRedrive(current, deadLetterArn, options.MaxReceiveCount))
            {
                await sqs.SetQueueAttributesAsync(new SetQueueAttributesRequest { QueueUrl = url, Attributes = new() { ["RedrivePolicy"] = redrive } }, ct);
                outcome = InitOutcome.Updated;
            }
        }

        var detail = $"{url}, dead letters to {options.EffectiveDeadLetterQueueName} after {options.MaxReceiveCount} receives";
        return (new InitResource(QueueType, options.QueueName, outcome, detail), url);
    }

    private static async Task<(string Url, InitOutcome Outcome)> GetOrCreateQueueAsync(
        IAmazonSQS sqs, string name, Dictionary<string, string> attributes, CancellationToken ct)
    {
        try
        {
            return ((await sqs.GetQueueUrlAsync(new GetQueueUrlRequest { QueueName = name }, ct)).QueueUrl, InitOutcome.Found);
        }
        catch (QueueDoesNotExistException)
        {
            var created = await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = name, Attributes = attributes }, ct);
            return (created.QueueUrl, InitOutcome.Created);
        }
    }

    private static async Task<string> QueueArnAsync(IAmazonSQS sqs, string url, CancellationToken ct)
    {
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["QueueArn"] }, ct);
        return attributes.Attributes?.GetValueOrDefault("QueueArn") ?? throw new InvalidOperationException($"queue {url} reported no QueueArn");
    }

    private static bool SameRedrive(string? policy, string deadLetterArn, int maxReceiveCount)
    {
        if (policy is null) return false;
        try
        {
            var json = JsonNode.Parse(policy);
            var count = json?["maxReceiveCount"]?.ToString();
            return json?["deadLetterTargetArn"]?.ToString() == deadLetterArn
                && count == maxReceiveCount.ToString(CultureInfo.InvariantCulture);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
