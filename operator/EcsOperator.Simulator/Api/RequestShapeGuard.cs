using System.Text.Json.Nodes;
using EcsOperator.Core.Aws.ApiModel;
using EcsOperator.Simulator.Ecs;

namespace EcsOperator.Simulator.Api;

/// <summary>
/// The simulator's request entry check against the ECS API model (the same table validation uses): a member the
/// action's input does not define, or a value of the wrong JSON type, is refused with <c>ClientException</c> in the
/// words the AWS CLI uses; a value outside an enum is refused with <c>InvalidParameterException</c> in the AWS JSON
/// protocol's validation wording. Nothing unknown is stored or echoed. Missing required members are left to the
/// handlers, which answer in ECS's own words ("Family should not be null or empty.").
/// </summary>
internal static class RequestShapeGuard
{
    public static void Check(string action, JsonObject request)
    {
        if (AwsApiModel.Ecs.Input(action) is null) return;
        var problems = ApiShapeChecker.CheckRequest(AwsApiModel.Ecs, action, request);
        var refused = problems.FirstOrDefault(p => p.Kind is ApiProblemKind.UnknownMember or ApiProblemKind.DescribeOnly or ApiProblemKind.WrongType);
        if (refused is not null) throw EcsErrors.Client(refused.Message);
        if (problems.FirstOrDefault(p => p.Kind == ApiProblemKind.NotInEnum) is { } value)
        {
            var shown = value.Node is JsonValue v && v.TryGetValue<string>(out var s) ? s : value.Node?.ToJsonString();
            throw EcsErrors.InvalidParameter($"1 validation error detected: Value '{shown}' at '{value.Path}' failed to satisfy constraint: " +
                $"Member must satisfy enum value set: [{string.Join(", ", value.Shape.Enum ?? [])}]");
        }
    }
}
