namespace EcsOperator.Core.Preflight;

/// <summary>
/// Looks one thing up where it lives (ECR, IAM, SSM, Secrets Manager, CloudWatch Logs, EC2). A "does not exist"
/// answer is <see cref="PreflightOutcome.Missing"/>; a lookup that fails otherwise (access denied, throttled after the
/// client's retries) is <see cref="PreflightOutcome.Error"/>; a probe that cannot look (local mode) says
/// <see cref="PreflightOutcome.Skipped"/> and why. Cancellation of <paramref name="ct"/> is thrown.
/// </summary>
public interface IPreflightProbe
{
    Task<PreflightResult> ProbeAsync(PreflightCheck check, CancellationToken ct);
}

/// <summary>A probe that looks nothing up and says why: local mode, whose simulated world has no registry, IAM, SSM,
/// Secrets Manager or VPC to ask. Every check it gets is skipped with <paramref name="reason"/>.</summary>
public sealed class UncheckedPreflightProbe(string reason) : IPreflightProbe
{
    /// <summary>The probe of <c>ecs-operator local</c> and <c>ecsctl verify</c> without AWS.</summary>
    public static UncheckedPreflightProbe Local { get; } =
        new("local mode: the simulated world has no registry, IAM, SSM, Secrets Manager or VPC to look this up in");

    public Task<PreflightResult> ProbeAsync(PreflightCheck check, CancellationToken ct) => Task.FromResult(PreflightResult.Skipped(reason));
}
