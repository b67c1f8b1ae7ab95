using System.Text.Json.Nodes;
using Amazon.SQS;
using Amazon.SQS.Model;

namespace EcsOperator.Aws.Init;

public sealed partial class InfrastructureInitializer
{
    public const string EventsQueueType = "events-queue";
    public const string EventsDeadLetterQueueType = "events-dead-letter-queue";

    /// <summary>The events queue with its dead-letter queue and a policy letting EventBridge rules of this account
    /// (named <c>&lt;events queue&gt;-*</c>) send to it, then the rules themselves.</summary>
    private static async Task<(List<InitResource> Resources, string Url)> EnsureEventsAsync(IAmazonSQS sqs, InitOptions options, TimeProvider time, CancellationToken ct)
    {
        var name = options.EffectiveEventsQueueName;
        var (dlqUrl, dlqOutcome) = await GetOrCreateQueueAsync(sqs, name + "-dlq", new() { ["MessageRetentionPeriod"] = "1209600" }, ct);
        var dlqArn = await QueueArnAsync(sqs, dlqUrl, ct);
        // the intake deletes what it cannot use; the dead-letter queue only catches messages while no operator runs well
        var redrive = new JsonObject { ["deadLetterTargetArn"] = dlqArn, ["maxReceiveCount"] = "10" }.ToJsonString();
        var (url, outcome) = await GetOrCreateQueueAsync(sqs, name, new() { ["RedrivePolicy"] = redrive, ["MessageRetentionPeriod"] = "86400" }, ct);
        var arn = await QueueArnAsync(sqs, url, ct);
        var p = arn.Split(':'); // arn:PARTITION:sqs:REGION:ACCOUNT:NAME
        var ruleArnPattern = $"arn:{p[1]}:events:{p[3]}:{p[4]}:rule/{name}-*";
        var policy = SendPolicy(arn, ruleArnPattern);
        var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest { QueueUrl = url, AttributeNames = ["Policy", "RedrivePolicy"] }, ct);
        var current = attributes.Attributes ?? [];
        var updates = new Dictionary<string, string>();
        if (!SameJson(current.GetValueOrDefault("Policy"), policy)) updates["Policy"] = policy;
        if (!SameRedrive(current.GetValueOrDefault("RedrivePolicy"), dlqArn, 10)) updates["RedrivePolicy"] = redrive;
        if (updates.Count > 0)
        {
            await sqs.SetQueueAttributesAsync(new SetQueueAttributesRequest { QueueUrl = url, Attributes = updates }, ct);
            if (outcome == InitOutcome.Found) outcome = InitOutcome.Updated;
        }
        var resources = new List<InitResource>
        {
            new(EventsDeadLetterQueueType, name + "-dlq", dlqOutcome, dlqUrl),
            new(EventsQueueType, name, outcome, $"{url}, sendable by rules {ruleArnPattern}"),
        };
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        resources.AddRange(await EventBridgeRules.Create(options.Connection, http, time).EnsureAsync(name, arn, ct));
        return (resources, url);
    }

    private static string SendPolicy(string queueArn, string ruleArnPattern) => new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray(new JsonObject
        {
            ["Sid"] = "EventBridgeRulesOfTheOperator",
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Service"] = "events.amazonaws.com" },
            ["Action"] = "sqs:SendMessage",
            ["Resource"] = queueArn,
            ["Condition"] = new JsonObject { ["ArnLike"] = new JsonObject { ["aws:SourceArn"] = ruleArnPattern } },
        }),
    }.ToJsonString();

    private static bool SameJson(string? a, string b)
    {
        if (a is null) return false;
        try
        {
            return JsonNode.DeepEquals(JsonNode.Parse(a), JsonNode.Parse(b));
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
