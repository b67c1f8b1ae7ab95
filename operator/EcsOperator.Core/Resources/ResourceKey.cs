using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace EcsOperator.Core.Resources;

/// <summary>
/// Identity of one resource. Its storage form is the partition key <c>&lt;Kind&gt;/&lt;namespace&gt;/&lt;name&gt;</c>,
/// e.g. <c>App/default/web</c>. The same text names the owner in the tags the operator puts on AWS resources.
/// </summary>
public readonly partial record struct ResourceKey(ResourceKind Kind, string Namespace, string Name)
{
    public const string DefaultNamespace = "default";

    /// <summary>The DynamoDB partition key / local-store item name.</summary>
    public string Pk => $"{Kind}/{Namespace}/{Name}";

    public override string ToString() => Pk;

    public static ResourceKey Parse(string pk) =>
        TryParse(pk, out var key) ? key : throw new FormatException($"'{pk}' is not a resource key of the form <Kind>/<namespace>/<name>");

    public static bool TryParse(string? pk, [NotNullWhen(true)] out ResourceKey key)
    {
        key = default;
        if (pk is null) return false;
        var parts = pk.Split('/');
        if (parts.Length != 3 || !ResourceKinds.TryParseExact(parts[0], out var kind)) return false;
        if (!IsDnsLabel(parts[1]) || !IsDnsLabel(parts[2])) return false;
        key = new ResourceKey(kind, parts[1], parts[2]);
        return true;
    }

    /// <summary>RFC 1123 label: lower-case alphanumerics and '-', starting and ending alphanumeric, at most 63 characters.</summary>
    public static bool IsDnsLabel(string? s) => s is { Length: > 0 and <= 63 } && DnsLabel().IsMatch(s);

    /// <summary>Orders keys by their storage form (ordinal).</summary>
    public static IComparer<ResourceKey> Comparer { get; } = Comparer<ResourceKey>.Create((a, b) => string.CompareOrdinal(a.Pk, b.Pk));

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();
}
