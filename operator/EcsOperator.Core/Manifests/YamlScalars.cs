using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EcsOperator.Core.Manifests;

/// <summary>Types scalars by the YAML 1.2 core schema: quoted text stays text, plain <c>true</c>/<c>12</c>/<c>1.5</c>/<c>null</c> do not.</summary>
internal static partial class YamlScalars
{
    private const string YamlTagPrefix = "tag:yaml.org,2002:";

    public static bool IsNullPlain(string v) => v is "" or "~" or "null" or "Null" or "NULL";

    public static bool IsCollectionTag(TagName tag, string name) =>
        tag.IsEmpty || tag.IsNonSpecific || tag.Value == YamlTagPrefix + name;

    /// <summary>The JSON value of a scalar event, or an error message.</summary>
    public static (JsonNode? Value, string? Error) Resolve(Scalar s)
    {
        if (!s.Tag.IsEmpty && !s.Tag.IsNonSpecific)
        {
            return s.Tag.Value switch
            {
                YamlTagPrefix + "str" => (JsonValue.Create(s.Value), null),
                YamlTagPrefix + "null" => IsNullPlain(s.Value) ? (null, null) : (null, $"'{s.Value}' is not a null"),
                YamlTagPrefix + "bool" => TryBool(s.Value, out var b) ? (JsonValue.Create(b), null) : (null, $"'{s.Value}' is not a boolean"),
                YamlTagPrefix + "int" => TryInt(s.Value, out var i, out var e) ? (i, null) : (null, e ?? $"'{s.Value}' is not an integer"),
                YamlTagPrefix + "float" => TryFloat(s.Value, out var f, out var fe) ? (f, null) : (null, fe ?? $"'{s.Value}' is not a number"),
                _ => (null, $"unsupported tag '{s.Tag.Value}'"),
            };
        }
        if (s.Style != ScalarStyle.Plain || s.Tag.IsNonSpecific) return (JsonValue.Create(s.Value), null);
        return ResolvePlain(s.Value);
    }

    /// <summary>Core-schema resolution of a plain scalar.</summary>
    public static (JsonNode? Value, string? Error) ResolvePlain(string v)
    {
        if (IsNullPlain(v)) return (null, null);
        if (TryBool(v, out var b)) return (JsonValue.Create(b), null);
        if (IntPattern().IsMatch(v)) return TryInt(v, out var i, out var e) ? (i, null) : (null, e);
        if (FloatPattern().IsMatch(v)) return TryFloat(v, out var f, out var fe) ? (f, null) : (null, fe);
        return (JsonValue.Create(v), null);
    }

    /// <summary>True when a plain (unquoted) rendering of <paramref name="v"/> would read back as something other than that string.</summary>
    public static bool PlainWouldRetype(string v) =>
        IsNullPlain(v) || TryBool(v, out _) || IntPattern().IsMatch(v) || FloatPattern().IsMatch(v);

    private static bool TryBool(string v, out bool b)
    {
        b = v is "true" or "True" or "TRUE";
        return b || v is "false" or "False" or "FALSE";
    }

    private static bool TryInt(string v, out JsonNode? value, out string? error)
    {
        value = null;
        error = null;
        if (v.Length < 18 && long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var small))
        {
            value = Number(small);
            return true;
        }
        BigInteger big;
        if (v.StartsWith("0o", StringComparison.Ordinal) && v.Length > 2 && v[2..].All(c => c is >= '0' and <= '7'))
        {
            big = v[2..].Aggregate(BigInteger.Zero, (acc, c) => acc * 8 + (c - '0'));
        }
        else if (v.StartsWith("0x", StringComparison.Ordinal) && v.Length > 2 && v[2..].All(char.IsAsciiHexDigit))
        {
            big = BigInteger.Parse("0" + v[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
        }
        else if (!BigInteger.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out big))
        {
            return false;
        }
        if (big < long.MinValue || big > long.MaxValue)
        {
            error = $"integer '{v}' is out of range";
            return false;
        }
        value = Number((long)big);
        return true;
    }

    private static bool TryFloat(string v, out JsonNode? value, out string? error)
    {
        value = null;
        error = null;
        if (v.Contains("inf", StringComparison.OrdinalIgnoreCase) || v.Contains("nan", StringComparison.OrdinalIgnoreCase))
        {
            error = $"'{v}': infinity and NaN cannot be represented in JSON";
            return false;
        }
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return false;
        if (double.IsInfinity(d))
        {
            error = $"number '{v}' is out of range";
            return false;
        }
        value = Number(d);
        return true;
    }

    /// <summary>
    /// Numbers are backed by a JsonElement, like JsonNode.Parse makes them, so readers may take them as int, long or double
    /// (a value created from a long would only convert to long).
    /// </summary>
    private static JsonValue Number<T>(T n) => JsonValue.Create(JsonSerializer.SerializeToElement(n))!;

    [GeneratedRegex(@"^([-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$", RegexOptions.CultureInvariant)]
    private static partial Regex FloatPattern();
}
