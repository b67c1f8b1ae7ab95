using System.Text.RegularExpressions;

namespace EcsOperator.Core.Aws;

/// <summary>
/// An external resource a call depends on and that does not exist (yet): a cluster, subnet, security group, role,
/// secret, log group, target group or capacity provider. Another pipeline often creates it minutes later, so such an
/// error is retried with a long backoff instead of being terminal like a value ECS will never accept.
/// </summary>
/// <param name="What">The kind of thing, in words (<c>subnet</c>, <c>security group</c>, ...).</param>
/// <param name="Id">Its id or ARN when the error names it.</param>
public sealed partial record MissingResource(string What, string? Id)
{
    /// <summary>A CamelCase reason for conditions and events, e.g. <c>SubnetNotFound</c>.</summary>
    public string Reason => string.Concat(What.Split(' ').Select(w => char.ToUpperInvariant(w[0]) + w[1..])) + "NotFound";

    public override string ToString() => Id is null ? What : $"{What} {Id}";

    /// <summary>What the error says is missing, or null for any other error (including a missing object of our own,
    /// such as a service or task: those are handled where they are looked up).</summary>
    public static MissingResource? Detect(string code, string message)
    {
        var c = code.Contains('#') ? code[(code.LastIndexOf('#') + 1)..] : code;
        if (c == "ClusterNotFoundException") return new("cluster", null);
        if (c is not ("InvalidParameterException" or "ClientException" or "ValidationError" or "ValidationException"
            or "InvalidParameterValue" or "AccessDeniedException")) return null;
        foreach (var rule in Rules)
        {
            if (rule.Matches(message)) return new(rule.What, rule.IdPattern.Match(message) is { Success: true } m ? m.Value : null);
        }
        return null;
    }

    private sealed record Rule(string What, Regex Subject, Regex IdPattern)
    {
        public bool Matches(string message) => Subject.IsMatch(message) && Absent().IsMatch(message);
    }

    /// <summary>The words AWS uses for "does not exist" across ECS, EC2 (quoted by ECS), IAM, Secrets Manager and Logs.</summary>
    [GeneratedRegex(@"does ?n[o']t exist|not found|NotFound|can'?t find|cannot find|could not find|unable to find|no such|unable to assume|does not have an associated load balancer|not associated with the cluster|is not valid or does not exist",
        RegexOptions.IgnoreCase)]
    private static partial Regex Absent();

    private static readonly Rule[] Rules =
    [
        new("subnet", new(@"subnet", RegexOptions.IgnoreCase), new(@"subnet-[0-9a-zA-Z]+")),
        new("security group", new(@"security ?group|InvalidGroup", RegexOptions.IgnoreCase), new(@"sg-[0-9a-zA-Z]+")),
        new("target group", new(@"target ?group", RegexOptions.IgnoreCase), new(@"arn:aws[\w-]*:elasticloadbalancing:[^\s'"",\]]+")),
        new("log group", new(@"log ?group", RegexOptions.IgnoreCase), new(@"(?<=log group[\s:]*['""])[^'""]+", RegexOptions.IgnoreCase)),
        new("secret", new(@"secret", RegexOptions.IgnoreCase), new(@"arn:aws[\w-]*:(secretsmanager|ssm):[^\s'"",\]]+")),
        new("capacity provider", new(@"capacity ?provider", RegexOptions.IgnoreCase), new(@"(?<=capacity provider[\s:]*['""])[^'""]+", RegexOptions.IgnoreCase)),
        new("role", new(@"\brole\b", RegexOptions.IgnoreCase), new(@"arn:aws[\w-]*:iam::\d*:role/[^\s'"",\]]+")),
    ];
}
