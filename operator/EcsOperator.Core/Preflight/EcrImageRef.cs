using System.Text.RegularExpressions;

namespace EcsOperator.Core.Preflight;

/// <summary>An image in an ECR registry: <c>&lt;account&gt;.dkr.ecr[-fips].&lt;region&gt;.amazonaws.com[.cn]/repo[:tag][@sha256:digest]</c>.
/// Without a tag or digest the tag is <c>latest</c>, as Docker reads it.</summary>
public sealed partial record EcrImageRef(string Account, string Region, string Repository, string? Tag, string? Digest)
{
    /// <summary>The ECR reference <paramref name="image"/> is, or null for an image in any other registry.</summary>
    public static EcrImageRef? TryParse(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var m = Pattern().Match(image.Trim());
        if (!m.Success) return null;
        var tag = m.Groups["tag"].Success ? m.Groups["tag"].Value : null;
        var digest = m.Groups["digest"].Success ? m.Groups["digest"].Value : null;
        return new EcrImageRef(m.Groups["account"].Value, m.Groups["region"].Value, m.Groups["repo"].Value,
            tag ?? (digest is null ? "latest" : null), digest);
    }

    /// <summary>The registry host of any image reference (<c>docker.io</c> for Docker Hub short names).</summary>
    public static string RegistryOf(string image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var slash = image.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0) return "docker.io";
        var first = image[..slash];
        return first.Contains('.', StringComparison.Ordinal) || first.Contains(':', StringComparison.Ordinal) || first == "localhost" ? first : "docker.io";
    }

    public override string ToString() => $"{Repository}{(Tag is null ? "" : ":" + Tag)}{(Digest is null ? "" : "@" + Digest)}";

    [GeneratedRegex(@"^(?<account>\d{12})\.dkr\.ecr(-fips)?\.(?<region>[a-z0-9-]+)\.amazonaws\.com(\.cn)?/(?<repo>[a-z0-9][a-z0-9._/-]*?)(:(?<tag>[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(@(?<digest>sha256:[0-9a-f]{64}))?$")]
    private static partial Regex Pattern();
}
