using System.Globalization;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws.ApiModel;
using EcsOperator.Core.Manifests.Schema;

namespace EcsOperator.Core.Manifests.Validation;

/// <summary>
/// Checks a pass-through field (<c>spec.taskDefinition</c>, <c>spec.service</c>, a Job's network configuration)
/// against its ECS API shape from the AWS API model: types, enum values, required members and unknown members with a
/// did-you-mean from the model's names. Scalars ECS's JSON parser converts are accepted as written in YAML; explicit
/// nulls are "not set" and removed; describe-only members (a DescribeTaskDefinition or DescribeServices export) are
/// dropped with a note. Top-level required members are the operator's (family, serviceName) or checked by the kind's
/// rules (containerDefinitions), so they are not required here.
/// </summary>
internal static class ApiShapeValidator
{
    public static void Validate(JsonNode node, ApiRef api, string path, ValidationContext ctx)
    {
        var model = AwsApiModel.Ecs;
        var shape = api.Member is null ? model.Input(api.Action) : model.MemberShape(api.Action, api.Member);
        if (shape is null) throw new InvalidOperationException($"the ECS API model has no shape for {api.Action} {api.Member}");
        var described = api.Member is null ? model.DescribedMembers(api.Action) : null;
        var also = api.AlsoAccept is { } other ? model.Input(other) : null;
        var problems = ApiShapeChecker.Check(model, shape, node, path, lenient: true, described).ToList();
        foreach (var p in problems.ToList())
        {
            // A member of the other action's input (forceNewDeployment for UpdateService) is checked against that shape.
            if (p.Kind == ApiProblemKind.UnknownMember && ReferenceEquals(p.Owner, node) && also is not null
                && also.Members.TryGetValue(p.Member!, out var target))
            {
                problems.Remove(p);
                if (p.Node is not null) problems.AddRange(ApiShapeChecker.Check(model, model.Shape(target), p.Node, p.Path, lenient: true));
            }
        }
        var topNames = also is null ? shape.Members.Keys : shape.Members.Keys.Union(also.Members.Keys);
        foreach (var p in problems) Report(p, node, path, api, topNames, ctx);
    }

    private static void Report(ApiProblem p, JsonNode root, string rootPath, ApiRef api, IEnumerable<string> topNames, ValidationContext ctx)
    {
        var top = ReferenceEquals(p.Owner, root);
        switch (p.Kind)
        {
            case ApiProblemKind.UnknownMember:
                var names = top ? topNames : p.Shape.Members.Keys;
                ctx.AtKey(p.Owner!, p.Member!, p.Path, $"unknown field '{p.Member}'{DidYouMean.Hint(p.Member!, names)}");
                break;
            case ApiProblemKind.DescribeOnly:
                ctx.NoteAtKey(p.Owner!, p.Member!, p.Path, $"dropped '{p.Member}': it is part of what ECS describes, not of a {api.Action} request, and is never sent");
                ctx.RemoveLater(p.Owner!, p.Member!);
                break;
            case ApiProblemKind.Null:
                ctx.RemoveLater(p.Owner!, p.Member!);
                break;
            case ApiProblemKind.MissingRequired when !top:
                ctx.AtNode(p.Owner, p.Path, "required field is missing");
                break;
            case ApiProblemKind.WrongType when !CheckedByKindRules(p.Path, rootPath, api):
                ctx.AtNode(p.Node, p.Path, $"expected {Want(p.Shape)}, got {ShapeValidator.Describe(p.Node)}");
                break;
            case ApiProblemKind.NotInEnum:
                var value = p.Node is JsonValue v && v.TryGetValue<string>(out var s) ? s : p.Node?.ToJsonString() ?? "";
                ctx.AtNode(p.Node, p.Path, $"'{value}' is not one of {string.Join(", ", p.Shape.Enum ?? [])}{DidYouMean.Hint(value, p.Shape.Enum ?? [])}");
                break;
            case ApiProblemKind.OutOfRange:
                var min = p.Shape.Min!.Value.ToString(CultureInfo.InvariantCulture);
                ctx.AtNode(p.Node, p.Path, p.Shape.Type switch
                {
                    "list" => $"needs at least {min} item{(min == "1" ? "" : "s")}",
                    "string" => min == "1" ? "must not be empty" : $"must be at least {min} characters long",
                    _ => $"must be at least {min}",
                });
                break;
        }
    }

    /// <summary>containerDefinitions that is not a list of mappings is reported by the kind's rules already.</summary>
    private static bool CheckedByKindRules(string path, string rootPath, ApiRef api) =>
        api is { Action: "RegisterTaskDefinition", Member: null }
        && (path == $"{rootPath}.containerDefinitions" || (path.StartsWith($"{rootPath}.containerDefinitions[", StringComparison.Ordinal) && path.EndsWith(']')));

    private static string Want(ApiShape shape) => shape.Type switch
    {
        "structure" or "map" => "a mapping",
        "list" => "a list",
        "integer" or "long" => "an integer",
        "double" or "float" => "a number",
        "boolean" => "a boolean (true or false)",
        "timestamp" => "a time",
        _ => "a string",
    };
}
