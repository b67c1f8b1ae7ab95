using EcsOperator.Core.Aws;

namespace EcsOperator.Core.Preflight;

/// <summary>Runs a plan's checks through a probe: decided checks are not asked about; an AWS error the probe lets
/// through becomes an <see cref="PreflightOutcome.Error"/> finding, never an exception (cancellation excepted).</summary>
public static class PreflightChecker
{
    public static async Task<PreflightReport> RunAsync(IReadOnlyList<PreflightCheck> checks, IPreflightProbe probe, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(checks);
        ArgumentNullException.ThrowIfNull(probe);
        var findings = new List<PreflightFinding>(checks.Count);
        foreach (var check in checks)
        {
            PreflightResult result;
            try
            {
                result = check.Decided ?? await probe.ProbeAsync(check, ct);
            }
            catch (AwsApiException e)
            {
                result = PreflightResult.Error($"could not check: {e.Message}");
            }
            findings.Add(new PreflightFinding(check, result));
        }
        return new PreflightReport(findings);
    }
}

/// <summary>The findings of one preflight run.</summary>
public sealed record PreflightReport(IReadOnlyList<PreflightFinding> Findings)
{
    public IEnumerable<PreflightFinding> Missing => Findings.Where(f => f.Outcome == PreflightOutcome.Missing);

    public IEnumerable<PreflightFinding> Errors => Findings.Where(f => f.Outcome == PreflightOutcome.Error);

    /// <summary>Something named does not exist: a rollout would fail.</summary>
    public bool Failed => Missing.Any();

    /// <summary>The missing things in one sentence, for a condition message: <c>image repo:tag does not exist (field); ...</c>.</summary>
    public string MissingSummary() => string.Join("; ", Missing.Select(f =>
        $"{f.Check.KindName} {f.Check.Subject} does not exist ({f.Check.Where}{(f.Result.Detail is { Length: > 0 } d ? ": " + d : "")})"));
}
