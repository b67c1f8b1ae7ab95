using System.Text;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.LocalStore;

/// <summary>
/// File names of the local store. An item's manifest file is its pk with <c>/</c> escaped as <c>.</c>
/// (<c>App/default/web</c> → <c>App.default.web.yaml</c>); kinds are letters and namespaces/names DNS labels,
/// so the dot never occurs inside a part and the mapping is reversible. Other names (lease names) are
/// percent-escaped so that any string maps to one safe file name.
/// </summary>
internal static class ItemNames
{
    public const string ManifestExtension = ".yaml";

    public static string ManifestFileName(ResourceKey key) => Escape(key) + ManifestExtension;

    /// <summary>The item's file stem. Throws for a key that is not a valid resource key (it could name a path elsewhere).</summary>
    public static string Escape(ResourceKey key) =>
        ResourceKinds.TryParseExact(key.Kind.ToString(), out _) && ResourceKey.IsDnsLabel(key.Namespace) && ResourceKey.IsDnsLabel(key.Name)
            ? $"{key.Kind}.{key.Namespace}.{key.Name}"
            : throw new ArgumentException($"'{key.Pk}' is not a valid resource key: namespace and name must be DNS labels", nameof(key));

    /// <summary>The key a manifest file name stands for; false for files that are not items.</summary>
    public static bool TryParseManifestFileName(string fileName, out ResourceKey key)
    {
        key = default;
        if (!fileName.EndsWith(ManifestExtension, StringComparison.Ordinal)) return false;
        var stem = fileName[..^ManifestExtension.Length];
        return TryParseEscaped(stem, out key);
    }

    public static bool TryParseEscaped(string stem, out ResourceKey key)
    {
        key = default;
        var parts = stem.Split('.');
        return parts.Length == 3 && ResourceKey.TryParse($"{parts[0]}/{parts[1]}/{parts[2]}", out key);
    }

    /// <summary>Any string to a file name: <c>[A-Za-z0-9_-]</c> kept, every other UTF-8 byte as <c>%XX</c>.</summary>
    public static string EscapeName(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        foreach (var b in Encoding.UTF8.GetBytes(name))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_') sb.Append(c);
            else sb.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return sb.Length == 0 ? "%" : sb.ToString();
    }
}
