using System.Text.Json.Nodes;
using EcsOperator.Aws.Wire;
using EcsOperator.Core.Aws;
using EcsOperator.Core.Events;
using EcsOperator.Core.Json;

namespace EcsOperator.Aws.Init;

/// <summary>
/// The EventBridge rules that route the events the operator consumes to its events queue, one rule per source, on the
/// default event bus. EventBridge (AWS JSON 1.1, <c>AWSEvents</c>) is spoken directly over the signed wire client: the
/// package registry serves no EventBridge SDK. Each rule is put only when absent or different, so a second run reports
/// every rule as found.
/// </summary>
internal sealed class EventBridgeRules(JsonProtocol events)
{
    public const string RuleType = "event-rule";

    public static EventBridgeRules Create(AwsConnection connection, HttpClient http, TimeProvider time)
    {
        var region = AwsEndpointResolver.ResolveRegion(connection);
        var service = new AwsServiceDescriptor("events", "events", "EVENTBRIDGE");
        var wire = new AwsWireClient(http, AwsEndpointResolver.ResolveEndpoint(connection, service.EndpointPrefix, service.EnvId, region),
            region, service, new AwsCredentialSource(connection), time);
        return new EventBridgeRules(new JsonProtocol(wire, "AWSEvents"));
    }

    /// <summary>Rule name suffix → (source, detail types).</summary>
    public static IReadOnlyList<(string Suffix, string Source, string[] DetailTypes)> Rules { get; } =
        [.. AwsEventParser.Routed.GroupBy(r => r.Source).Select(g => (g.Key["aws.".Length..], g.Key, g.Select(r => r.DetailType).ToArray()))];

    public static string Pattern(string source, IEnumerable<string> detailTypes) => new JsonObject
    {
        ["source"] = new JsonArray(source),
        ["detail-type"] = new JsonArray([.. detailTypes.Select(d => (JsonNode)d)]),
    }.ToJsonString();

    /// <summary>Creates or corrects every rule named <c>&lt;prefix&gt;-&lt;source&gt;</c> and its SQS target.</summary>
    public async Task<IReadOnlyList<InitResource>> EnsureAsync(string prefix, string queueArn, CancellationToken ct)
    {
        var result = new List<InitResource>();
        foreach (var (suffix, source, types) in Rules)
        {
            var name = $"{prefix}-{suffix}";
            var pattern = Pattern(source, types);
            var outcome = InitOutcome.Found;
            JsonObject? existing = null;
            try
            {
                existing = await events.CallAsync("DescribeRule", new JsonObject { ["Name"] = name }, ct);
            }
            catch (AwsApiException e) when (e.Code == "ResourceNotFoundException")
            {
            }
            if (existing is null || !SamePattern(existing.Str("EventPattern"), pattern) || existing.Str("State") != "ENABLED")
            {
                await events.CallAsync("PutRule", new JsonObject
                {
                    ["Name"] = name,
                    ["EventPattern"] = pattern,
                    ["State"] = "ENABLED",
                    ["Description"] = "ecs-operator: " + string.Join(", ", types),
                }, ct);
                outcome = existing is null ? InitOutcome.Created : InitOutcome.Updated;
            }
            var targets = await events.CallAsync("ListTargetsByRule", new JsonObject { ["Rule"] = name }, ct);
            if (!targets.Arr("Targets").Objects().Any(t => t.Str("Arn") == queueArn))
            {
                await events.CallAsync("PutTargets", new JsonObject
                {
                    ["Rule"] = name,
                    ["Targets"] = new JsonArray(new JsonObject { ["Id"] = "ecs-operator-events", ["Arn"] = queueArn }),
                }, ct);
                if (outcome == InitOutcome.Found) outcome = InitOutcome.Updated;
            }
            result.Add(new InitResource(RuleType, name, outcome, $"{source}: {string.Join(", ", types)} → {queueArn}"));
        }
        return result;
    }

    private static bool SamePattern(string? a, string b)
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
