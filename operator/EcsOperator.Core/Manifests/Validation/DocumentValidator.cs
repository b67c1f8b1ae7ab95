using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Core.Manifests.Schema;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Manifests.Validation;

/// <summary>Validates one parsed document: envelope (apiVersion, kind), the kind's shape, then the kind's cross-field rules.</summary>
internal static class DocumentValidator
{
    /// <summary>Returns the document's kind when the envelope is readable, and adds every problem to <paramref name="ctx"/>.</summary>
    public static ResourceKind? Validate(JsonObject root, ValidationContext ctx)
    {
        var kind = CheckEnvelope(root, ctx);
        if (kind is null) return null;
        ValidateTopLevel(root, ResourceShapes.Applied(kind.Value), ctx);
        KindRules.Check(kind.Value, root, ctx);
        return kind;
    }

    private static void ValidateTopLevel(JsonObject root, FieldShape shape, ValidationContext ctx)
    {
        // status is the operator's: an applied document may carry one (copied from `get -o yaml`); it is ignored, never validated.
        foreach (var (key, value) in root)
        {
            if (key == "status") continue;
            var field = shape.Property(key);
            if (field is null)
            {
                ctx.AtKey(root, key, key, $"unknown field '{key}'{DidYouMean.Hint(key, shape.Properties.Select(p => p.Name).Append("status"))}");
                continue;
            }
            if (key is "apiVersion" or "kind") continue;
            if (value is null) continue;
            ShapeValidator.Validate(value, field.Shape, key, ctx);
        }
        foreach (var field in shape.Properties.Where(f => f.Required && f.Name is "metadata" or "spec"))
        {
            if (!root.TryGetPropertyValue(field.Name, out var v)) ctx.AtNode(root, field.Name, "required field is missing");
            else if (v is null) ctx.AtMember(root, field.Name, field.Name, "required field is empty");
        }
    }

    private static string Show(JsonNode node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? $"'{s}'" : ShapeValidator.Describe(node);

    private static ResourceKind? CheckEnvelope(JsonObject root, ValidationContext ctx)
    {
        if (!root.TryGetPropertyValue("apiVersion", out var av) || av is null)
        {
            ctx.AtNode(root, "apiVersion", $"required field is missing (use {ResourceKinds.ApiVersion})");
        }
        else if (root.Str("apiVersion") != ResourceKinds.ApiVersion)
        {
            ctx.AtMember(root, "apiVersion", "apiVersion", $"unsupported apiVersion {Show(av)}; expected {ResourceKinds.ApiVersion}");
        }
        if (!root.TryGetPropertyValue("kind", out var k) || k is null)
        {
            ctx.AtNode(root, "kind", $"required field is missing (one of {string.Join(", ", ResourceKinds.All)})");
            return null;
        }
        var kindText = root.Str("kind");
        if (!ResourceKinds.TryParseExact(kindText, out var kind))
        {
            var hint = kindText is not null && ResourceKinds.TryParse(kindText, out var alias)
                ? $" (did you mean '{alias}'?)"
                : DidYouMean.Hint(kindText ?? "", ResourceKinds.All.Select(x => x.ToString()));
            ctx.AtMember(root, "kind", "kind", $"unknown kind {Show(k)}; expected one of {string.Join(", ", ResourceKinds.All)}{hint}");
            return null;
        }
        return kind;
    }
}
