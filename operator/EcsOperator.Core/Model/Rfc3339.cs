using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcsOperator.Core.Model;

/// <summary>
/// The one time format the operator writes (status, annotations, events): RFC 3339 in UTC with milliseconds,
/// e.g. <c>2026-03-01T12:00:00.000Z</c>, and the one parser, which also reads what older versions wrote
/// (round-trip "O" with an offset, whole seconds).
/// </summary>
public static class Rfc3339
{
    private const string Layout = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary><paramref name="t"/> in UTC with milliseconds.</summary>
    public static string Format(DateTimeOffset t) => t.UtcDateTime.ToString(Layout, CultureInfo.InvariantCulture);

    /// <summary>The time, in UTC; null when <paramref name="s"/> is absent or not a time. A time without an offset is UTC.</summary>
    public static DateTimeOffset? Parse(string? s) =>
        !string.IsNullOrWhiteSpace(s)
        && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : null;

    /// <summary><paramref name="t"/> cut to what <see cref="Format"/> keeps (whole milliseconds, UTC).</summary>
    public static DateTimeOffset Truncate(DateTimeOffset t) =>
        new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
}

/// <summary>Writes <see cref="DateTimeOffset"/> as <see cref="Rfc3339.Format"/> and reads it with <see cref="Rfc3339.Parse"/>.</summary>
public sealed class Rfc3339Converter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && Rfc3339.Parse(reader.GetString()) is { } t
            ? t
            : throw new JsonException($"expected an RFC 3339 time, got {reader.TokenType}");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Rfc3339.Format(value));
}
