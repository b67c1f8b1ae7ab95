using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOperator.Core.Manifests.Schema;
using EcsOperator.Core.Resources;
using Json.Schema;

namespace EcsOperator.Core.Manifests.Validation;

/// <summary>
/// Validates a document against its kind's JSON Schema with JsonSchema.Net: the schema published in crds-schema/ (the
/// one editors load), generated from the model at first use, less <c>status</c> (an applied document's status is ignored).
/// JsonSchema.Net says where and which keyword failed; <see cref="SchemaErrors"/> turns that into our messages at the
/// YAML line and column of the failing node (through the document's <see cref="SourceMap"/>).
/// </summary>
internal static class SchemaValidator
{
    private static readonly ConcurrentDictionary<ResourceKind, Lazy<CompiledSchema>> Schemas = new();

    // Most documents are valid: a yes/no evaluation first, the detailed one only to explain a failure.
    private static readonly EvaluationOptions Check = new() { OutputFormat = OutputFormat.Flag };
    private static readonly EvaluationOptions Explain = new() { OutputFormat = OutputFormat.Hierarchical };

    /// <summary>The generated schema text (to follow evaluation paths), the JsonSchema.Net schema, and the messages of its patterns.</summary>
    internal sealed record CompiledSchema(JsonObject Text, JsonSchema Schema, IReadOnlyDictionary<string, string> PatternMessages);

    /// <summary>Adds every schema violation of <paramref name="root"/> to <paramref name="ctx"/> (apiVersion and kind are the envelope's).</summary>
    public static void Validate(JsonObject root, ResourceKind kind, ValidationContext ctx)
    {
        var compiled = For(kind);
        using var instance = Instance(root);
        if (compiled.Schema.Evaluate(instance.RootElement, Check).IsValid) return;
        new SchemaErrors(root, compiled, ctx).Report(compiled.Schema.Evaluate(instance.RootElement, Explain));
    }

    internal static CompiledSchema For(ResourceKind kind) => Schemas.GetOrAdd(kind, k => new Lazy<CompiledSchema>(() => Compile(k))).Value;

    private static CompiledSchema Compile(ResourceKind kind)
    {
        var text = JsonSchemaGenerator.GenerateApplied(kind);
        // A registry of its own: the schema's $id must not clash with another build of the same schema.
        var schema = JsonSchema.FromText(text.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var messages = new Dictionary<string, string>(StringComparer.Ordinal);
        CollectPatternMessages(ResourceShapes.Applied(kind), messages, 0);
        return new CompiledSchema(text, schema, messages);
    }

    /// <summary>The messages of <c>[RegularExpression(..., ErrorMessage = ...)]</c>, which a schema cannot carry, by pattern.</summary>
    private static void CollectPatternMessages(FieldShape shape, Dictionary<string, string> messages, int depth)
    {
        if (depth > 32) return;
        if (shape is { Pattern: { } pattern, PatternMessage: { } message }) messages.TryAdd(pattern, message);
        if (shape.Items is { } items) CollectPatternMessages(items, messages, depth + 1);
        foreach (var field in shape.Properties) CollectPatternMessages(field.Shape, messages, depth + 1);
    }

    /// <summary>The document as JSON without its status.</summary>
    private static JsonDocument Instance(JsonObject root)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in root)
            {
                if (key == "status") continue;
                writer.WritePropertyName(key);
                if (value is null) writer.WriteNullValue();
                else value.WriteTo(writer);
            }
            writer.WriteEndObject();
        }
        return JsonDocument.Parse(buffer.WrittenMemory);
    }

    /// <summary>"a string \"x\"", "an integer 5", "a mapping", "null" ...</summary>
    internal static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "a mapping",
        JsonArray => "a list",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => $"a string {Truncate(v.ToJsonString())}",
            JsonValueKind.Number => IsInteger(v) ? $"an integer {v.ToJsonString()}" : $"a number {v.ToJsonString()}",
            JsonValueKind.True or JsonValueKind.False => $"a boolean {v.ToJsonString()}",
            _ => "a value",
        },
        _ => "a value",
    };

    private static bool IsInteger(JsonValue v) =>
        v.TryGetValue(out long _) || v.TryGetValue(out int _) || (v.TryGetValue(out JsonElement e) && e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out _));

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..37] + "...\"";
}
