using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace EcsOperator.Core.Model;

/// <summary>
/// Status records to and from the JSON the stores keep, with source-generated serialisers: camelCase, enums by name,
/// nulls left out, times as <see cref="Rfc3339"/>. The JSON Schemas in crds-schema/ are generated from the same records.
/// </summary>
public static class StatusJson
{
    /// <summary>The status as <typeparamref name="T"/>; null when there is none or it is not a <typeparamref name="T"/>
    /// (a status written by hand, or by an operator version that wrote another shape).</summary>
    public static T? Read<T>(JsonObject? status) where T : class
    {
        if (status is null) return null;
        try
        {
            return status.Deserialize(Info<T>());
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException or FormatException)
        {
            return null;
        }
    }

    public static JsonObject Write<T>(T status) where T : class =>
        JsonSerializer.SerializeToNode(status, Info<T>())?.AsObject() ?? [];

    public static string Text<T>(T status) where T : class => JsonSerializer.Serialize(status, Info<T>());

    private static JsonTypeInfo<T> Info<T>() =>
        StatusJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not a status record (add it to {nameof(StatusJsonContext)})");
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    Converters = [typeof(Rfc3339Converter)])]
[JsonSerializable(typeof(ResourceStatus))]
[JsonSerializable(typeof(AppStatus))]
[JsonSerializable(typeof(JobStatus))]
[JsonSerializable(typeof(CronJobStatus))]
[JsonSerializable(typeof(ScalePolicyStatus))]
[JsonSerializable(typeof(CapacityPoolStatus))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
