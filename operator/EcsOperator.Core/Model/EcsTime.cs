using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace EcsOperator.Core.Model;

/// <summary>Times as ECS responses carry them: epoch seconds (a number, or its text) or an RFC 3339 text.</summary>
public static class EcsTime
{
    public static DateTimeOffset? Read(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var seconds) => FromSeconds(seconds),
        JsonValue v when v.TryGetValue<string>(out var s) => Read(s),
        _ => null,
    };

    public static DateTimeOffset? Read(string? s) =>
        Rfc3339.Parse(s) ?? (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) ? FromSeconds(seconds) : null);

    /// <summary>Rounded to the millisecond: 1700000000.123 s times 1000 is 1700000000122.9999... in binary floating point.</summary>
    internal static DateTimeOffset FromSeconds(double seconds) => DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
}

/// <summary>A time copied from ECS into status: written as <see cref="Rfc3339"/>, read also as epoch seconds (the
/// form in which earlier operator versions kept it, straight from ECS).</summary>
public sealed class EcsTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => EcsTime.FromSeconds(reader.GetDouble()),
        JsonTokenType.String when EcsTime.Read(reader.GetString()) is { } t => t,
        _ => throw new JsonException($"expected a time, got {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Rfc3339.Format(value));
}
