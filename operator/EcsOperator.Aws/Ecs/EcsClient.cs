using System.Text.Json.Nodes;
using EcsOperator.Aws.Resilience;
using EcsOperator.Aws.Wire;
using EcsOperator.Core.Aws;

namespace EcsOperator.Aws.Ecs;

/// <summary>
/// Amazon ECS over AWS JSON 1.1. Requests travel exactly as given (the botocore <c>ecs/2014-11-13</c> shapes), so any
/// field ECS accepts works without a code change. Each call is paced by its ECS throttle group and retried by the
/// group's pipeline.
/// </summary>
public sealed class EcsClient : IEcsApi
{
    internal const string TargetPrefix = "AmazonEC2ContainerServiceV20141113";
    private readonly PacedProtocol<JsonObject, JsonObject> _calls;

    internal EcsClient(AwsWireClient wire, AwsCallRunner runner) =>
        _calls = new(new JsonProtocol(wire, TargetPrefix), runner, AwsApiGroup.ForEcsAction, Unrepeatable);

    /// <summary>RegisterTaskDefinition has no idempotency token: each call that reaches ECS adds a revision, so one
    /// whose answer was lost is not sent again blindly (the App reconciler looks for the revision it made instead).
    /// RunTask and CreateService carry a clientToken, and the other mutating calls set a state, so repeating them is safe.</summary>
    internal static bool Unrepeatable(string action) => action == EcsAction.RegisterTaskDefinition;

    public Task<JsonObject> SendAsync(string action, JsonObject request, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(action) || !action.All(char.IsAsciiLetter))
            throw AwsApiException.From("InvalidAction", $"'{action}' is not an ECS action name");
        // Serialised once per attempt from a private copy: the caller may reuse its object.
        var body = request.DeepClone().AsObject();
        return _calls.CallAsync(action, body, ct);
    }
}
