using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EcsOperator.Core.Manifests.Validation;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Manifests.Schema;

/// <summary>One child field of an explained field.</summary>
public sealed record FieldSummary(string Name, string Type, bool Required, string Description);

/// <summary>What <c>ecsctl explain</c> prints for one field (or a whole kind).</summary>
public sealed record FieldExplanation(
    ResourceKind Kind, string Path, string Type, string Description, bool Required, JsonNode? Default,
    double? Minimum, double? Maximum, IReadOnlyList<string>? AllowedValues, IReadOnlyList<FieldSummary> Fields)
{
    /// <summary>kubectl-explain style text.</summary>
    public string Render()
    {
        var sb = new StringBuilder();
        sb.Append("KIND:     ").Append(Kind).Append('\n');
        sb.Append("VERSION:  ").Append(ResourceKinds.ApiVersion).Append('\n');
        if (Path.Length > 0) sb.Append("FIELD:    ").Append(Path).Append(" <").Append(Type).Append('>').Append(Required ? " -required-" : "").Append('\n');
        sb.Append("\nDESCRIPTION:\n    ").Append(Description).Append('\n');
        if (Default is not null) sb.Append("\nDEFAULT:  ").Append(Default.ToJsonString()).Append('\n');
        if (Minimum is not null || Maximum is not null)
            sb.Append("RANGE:    ").Append(Fmt(Minimum)).Append(" .. ").Append(Fmt(Maximum)).Append('\n');
        if (Fields.Count > 0)
        {
            sb.Append("\nFIELDS:\n");
            foreach (var f in Fields)
            {
                sb.Append("  ").Append(f.Name).Append("\t<").Append(f.Type).Append('>').Append(f.Required ? " -required-" : "").Append('\n');
                sb.Append("    ").Append(f.Description).Append("\n\n");
            }
        }
        return sb.ToString();
    }

    private static string Fmt(double? d) => d?.ToString(CultureInfo.InvariantCulture) ?? "";
}

/// <summary>Answers <c>ecsctl explain app.spec.replicas</c> from the model-derived shapes.</summary>
public static class SchemaExplainer
{
    /// <summary>
    /// Explains <paramref name="path"/>: a kind name or alias, then field names separated by '.', e.g. <c>app</c>,
    /// <c>apps.spec.hooks.preDeploy.command</c>, <c>scalepolicy.spec.maxTaskCount</c>. Lists step into their items.
    /// </summary>
    public static bool TryExplain(string path, out FieldExplanation? explanation, out string? error)
    {
        explanation = null;
        error = null;
        var parts = (path ?? "").Split('.', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || !ResourceKinds.TryParse(parts[0], out var kind))
        {
            error = $"unknown kind '{(parts.Length > 0 ? parts[0] : "")}'; expected one of {string.Join(", ", ResourceKinds.All)}";
            return false;
        }
        var shape = ResourceShapes.Document(kind);
        FieldInfo? field = null;
        var walked = new List<string>();
        foreach (var name in parts.Skip(1))
        {
            var container = Unwrap(shape);
            if (container.Kind != ShapeKind.Object)
            {
                error = container.Kind is ShapeKind.PassThroughObject or ShapeKind.PassThroughArray
                    ? $"{string.Join('.', walked)} is passed through in the AWS API's own shape; its fields are documented by AWS"
                    : $"{string.Join('.', walked)} has no fields";
                return false;
            }
            field = container.Property(name);
            if (field is null)
            {
                var where = walked.Count == 0 ? kind.ToString() : string.Join('.', walked);
                error = $"field '{name}' does not exist in {where}{DidYouMean.Hint(name, container.Properties.Select(p => p.Name))}";
                return false;
            }
            walked.Add(name);
            shape = field.Shape;
        }
        var children = Unwrap(shape) is { Kind: ShapeKind.Object } obj
            ? obj.Properties.Select(p => new FieldSummary(p.Name, p.Shape.TypeName, p.Required, p.Description)).ToList()
            : [];
        var scalar = Unwrap(shape);
        explanation = new FieldExplanation(kind, string.Join('.', walked), shape.TypeName,
            field?.Description ?? ResourceShapes.Describe(kind), field?.Required ?? false, field?.Default,
            scalar.Minimum, scalar.Maximum, scalar.AllowedValues, children);
        return true;
    }

    /// <summary>Like <see cref="TryExplain"/>, throwing <see cref="ArgumentException"/> with the message on a bad path.</summary>
    public static FieldExplanation Explain(string path) =>
        TryExplain(path, out var e, out var error) ? e! : throw new ArgumentException(error, nameof(path));

    private static FieldShape Unwrap(FieldShape shape) =>
        shape.Kind is ShapeKind.Array or ShapeKind.Map or ShapeKind.IntOrIntList ? Unwrap(shape.Items!) : shape;
}
