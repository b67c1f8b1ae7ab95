namespace EcsOperator.Core.Preflight;

/// <summary>
/// A <c>valueFrom</c> as ECS reads it: a Secrets Manager ARN (<c>arn:aws:secretsmanager:region:account:secret:name</c>,
/// optionally followed by <c>:json-key:version-stage:version-id</c>, any of them empty), an SSM parameter ARN
/// (<c>arn:aws:ssm:region:account:parameter/name</c>) or a bare parameter name (SSM in the task's region).
/// </summary>
/// <param name="Id">What to look up: the secret's ARN without the suffix, the parameter's ARN or name.</param>
/// <param name="Region">The region the ARN names, or null for a bare name.</param>
public sealed record SecretRef(PreflightKind Kind, string Id, string? Region, string? JsonKey = null, string? VersionStage = null, string? VersionId = null)
{
    /// <summary>Reads <paramref name="valueFrom"/>; null when it is an ARN of another service (nothing to check).</summary>
    public static SecretRef? Parse(string valueFrom)
    {
        ArgumentNullException.ThrowIfNull(valueFrom);
        var v = valueFrom.Trim();
        if (!v.StartsWith("arn:", StringComparison.Ordinal)) return new SecretRef(PreflightKind.SsmParameter, v, null);
        var parts = v.Split(':');
        if (parts.Length < 6) return null;
        var region = parts[3].Length > 0 ? parts[3] : null;
        switch (parts[2])
        {
            case "ssm":
                return new SecretRef(PreflightKind.SsmParameter, v, region);
            case "secretsmanager" when parts.Length >= 7:
                var arn = string.Join(':', parts.Take(7));
                return new SecretRef(PreflightKind.Secret, arn, region,
                    Part(parts, 7), Part(parts, 8), Part(parts, 9));
            default:
                return null;
        }
    }

    private static string? Part(string[] parts, int i) => i < parts.Length && parts[i].Length > 0 ? parts[i] : null;
}
