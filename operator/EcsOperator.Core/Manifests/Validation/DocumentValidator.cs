using System.Text.Json.Nodes;
using EcsOperator.Core.Json;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Manifests.Validation;

/// <summary>
/// Validates one parsed document: the envelope (apiVersion, kind: it picks the schema), the kind's JSON Schema, then the
/// kind's rules the schema cannot say.
/// </summary>
internal static class DocumentValidator
{
    /// <summary>Returns the document's kind when the envelope is readable, and adds every problem to <paramref name="ctx"/>.</summary>
    public static ResourceKind? Validate(JsonObject root, ValidationContext ctx)
    {
        var kind = CheckEnvelope(root, ctx);
        if (kind is null) return null;
        SchemaValidator.Validate(root, kind.Value, ctx);
        KindRules.Check(kind.Value, root, ctx);
        return kind;
    }

    private static string Show(JsonNode node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? $"'{s}'" : SchemaValidator.Describe(node);

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
