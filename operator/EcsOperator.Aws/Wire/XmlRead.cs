using System.Globalization;
using System.Xml.Linq;

namespace EcsOperator.Aws.Wire;

/// <summary>Readers for Query-protocol XML (namespace-free after <see cref="QueryProtocol"/>).</summary>
internal static class XmlRead
{
    public static string? Str(this XElement e, string name) => e.Element(name)?.Value;

    public static int Int(this XElement e, string name) =>
        int.TryParse(e.Element(name)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) ? i : 0;

    public static bool Bool(this XElement e, string name) => string.Equals(e.Element(name)?.Value, "true", StringComparison.OrdinalIgnoreCase);

    public static DateTimeOffset? Time(this XElement e, string name) =>
        DateTimeOffset.TryParse(e.Element(name)?.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t : null;

    /// <summary>The <c>&lt;member&gt;</c> children of a list element (empty when absent).</summary>
    public static IEnumerable<XElement> Members(this XElement e, string listName) =>
        e.Element(listName)?.Elements("member") ?? [];

    /// <summary>The next-page token, null when the result has none.</summary>
    public static string? NextToken(this XElement e) => e.Element("NextToken")?.Value is { Length: > 0 } t ? t : null;
}
