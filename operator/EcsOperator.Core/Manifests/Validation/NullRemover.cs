using System.Text.Json.Nodes;
using EcsOperator.Core.Aws.ApiModel;
using EcsOperator.Core.Manifests.Schema;

namespace EcsOperator.Core.Manifests.Validation;

/// <summary>
/// An empty YAML value (<c>region:</c>) means "not set". Removes such members from a valid document so typed reads see
/// the default, and from pass-through objects in an ECS API shape (<c>spec.taskDefinition</c>, <c>spec.service</c>), which
/// also lose the members ECS only describes (a DescribeTaskDefinition or DescribeServices export), each with a note.
/// Pass-through objects without an ECS API shape keep exactly what was written.
/// </summary>
internal static class NullRemover
{
    public static void RemoveNullMembers(JsonNode? node, FieldShape shape, string path, ValidationContext ctx)
    {
        switch (shape.Kind)
        {
            case ShapeKind.Object when node is JsonObject obj:
                foreach (var key in obj.Where(p => p.Value is null).Select(p => p.Key).ToList()) obj.Remove(key);
                foreach (var (key, value) in obj)
                {
                    if (shape.Property(key) is { } field) RemoveNullMembers(value, field.Shape, ValidationContext.Join(path, key), ctx);
                }
                break;
            case ShapeKind.Array when node is JsonArray arr:
                for (var i = 0; i < arr.Count; i++) RemoveNullMembers(arr[i], shape.Items!, $"{path}[{i}]", ctx);
                break;
            case ShapeKind.PassThroughObject or ShapeKind.PassThroughArray when node is not null && shape.Api is { } api:
                CleanPassThrough(node, api, path, ctx);
                break;
        }
    }

    private static void CleanPassThrough(JsonNode node, ApiRef api, string path, ValidationContext ctx)
    {
        var model = AwsApiModel.Ecs;
        var shape = api.Member is null ? model.Input(api.Action) : model.MemberShape(api.Action, api.Member);
        if (shape is null) throw new InvalidOperationException($"the ECS API model has no shape for {api.Action} {api.Member}");
        var described = api.Member is null ? model.DescribedMembers(api.Action) : null;
        var removals = new List<(JsonObject Owner, string Member)>();
        foreach (var p in ApiShapeChecker.Check(model, shape, node, path, lenient: true, described))
        {
            if (p.Kind == ApiProblemKind.DescribeOnly)
            {
                ctx.NoteAtKey(p.Owner!, p.Member!, p.Path, $"dropped '{p.Member}': it is part of what ECS describes, not of a {api.Action} request, and is never sent");
                removals.Add((p.Owner!, p.Member!));
            }
            else if (p.Kind == ApiProblemKind.Null)
            {
                removals.Add((p.Owner!, p.Member!));
            }
        }
        foreach (var (owner, member) in removals) owner.Remove(member);
    }
}
