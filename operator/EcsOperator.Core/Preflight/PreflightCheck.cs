namespace EcsOperator.Core.Preflight;

/// <summary>What a preflight check looks for.</summary>
public enum PreflightKind
{
    /// <summary>A container image (only ECR images are looked up).</summary>
    Image,
    /// <summary>An IAM role (taskRoleArn, executionRoleArn).</summary>
    Role,
    /// <summary>An SSM Parameter Store parameter named in a <c>valueFrom</c>.</summary>
    SsmParameter,
    /// <summary>A Secrets Manager secret named in a <c>valueFrom</c> or <c>repositoryCredentials</c>.</summary>
    Secret,
    /// <summary>The CloudWatch Logs group of an awslogs log configuration.</summary>
    LogGroup,
    /// <summary>A VPC subnet of an awsvpc network configuration.</summary>
    Subnet,
    /// <summary>A VPC security group of an awsvpc network configuration.</summary>
    SecurityGroup,
}

/// <summary>How a check came out.</summary>
public enum PreflightOutcome
{
    /// <summary>The thing exists (or will be created by ECS, as an awslogs group with awslogs-create-group).</summary>
    Ok,
    /// <summary>The thing does not exist: a rollout would fail.</summary>
    Missing,
    /// <summary>Not looked up (another registry, local mode), with the reason.</summary>
    Skipped,
    /// <summary>The lookup itself failed (access denied, throttled after retries): neither present nor missing.</summary>
    Error,
}

/// <summary>One thing a task definition or service needs to exist.</summary>
/// <param name="Kind">What kind of thing.</param>
/// <param name="Subject">Its name, ARN or image reference as the document writes it.</param>
/// <param name="Where">The field naming it, e.g. <c>containerDefinitions[app].image</c>.</param>
/// <param name="Region">The region to look in when the reference itself names one (an ECR URI, an ARN, awslogs-region);
/// null: the region being deployed to.</param>
public sealed record PreflightCheck(PreflightKind Kind, string Subject, string Where, string? Region = null)
{
    /// <summary>Set when the answer is known without asking AWS (a Docker Hub image, awslogs-create-group).</summary>
    public PreflightResult? Decided { get; init; }

    /// <summary>The kind in words, as findings print it.</summary>
    public string KindName => Kind switch
    {
        PreflightKind.Image => "image",
        PreflightKind.Role => "role",
        PreflightKind.SsmParameter => "ssm parameter",
        PreflightKind.Secret => "secret",
        PreflightKind.LogGroup => "log group",
        PreflightKind.Subnet => "subnet",
        PreflightKind.SecurityGroup => "security group",
        _ => Kind.ToString(),
    };
}

/// <summary>What a probe (or the plan itself) found for one check.</summary>
/// <param name="Detail">Why: the registry skipped, the AWS error, "created by ECS" ... (null when plain ok).</param>
public sealed record PreflightResult(PreflightOutcome Outcome, string? Detail = null)
{
    public static PreflightResult Ok(string? detail = null) => new(PreflightOutcome.Ok, detail);

    public static PreflightResult Missing(string detail) => new(PreflightOutcome.Missing, detail);

    public static PreflightResult Skipped(string reason) => new(PreflightOutcome.Skipped, reason);

    public static PreflightResult Error(string detail) => new(PreflightOutcome.Error, detail);
}

/// <summary>A check and its result.</summary>
public sealed record PreflightFinding(PreflightCheck Check, PreflightResult Result)
{
    public PreflightOutcome Outcome => Result.Outcome;

    /// <summary>One line: <c>missing  image 1234.dkr.ecr.../web:v2  (containerDefinitions[app].image): ...</c>.</summary>
    public override string ToString()
    {
        var outcome = Outcome.ToString().ToLowerInvariant();
        var line = $"{outcome,-8} {Check.KindName} {Check.Subject}  ({Check.Where})";
        return Result.Detail is { Length: > 0 } d ? $"{line}: {d}" : line;
    }
}
