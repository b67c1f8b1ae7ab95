using EcsOperator.Core.Aws;
using EcsOperator.Core.Preflight;

namespace EcsOperator.Core.Tests.Preflight;

public sealed class PreflightCheckerTests
{
    private sealed class Throwing(Exception e) : IPreflightProbe
    {
        public List<PreflightCheck> Asked { get; } = [];

        public Task<PreflightResult> ProbeAsync(PreflightCheck check, CancellationToken ct)
        {
            Asked.Add(check);
            throw e;
        }
    }

    [Fact]
    public async Task Decided_checks_are_not_asked_and_an_aws_error_is_a_lookup_error_not_an_exception()
    {
        var probe = new Throwing(AwsApiException.From("AccessDeniedException", "no iam:GetRole"));
        var decided = new PreflightCheck(PreflightKind.Image, "nginx:1", "containerDefinitions[app].image") { Decided = PreflightResult.Skipped("registry docker.io is not ECR: not checked") };
        var asked = new PreflightCheck(PreflightKind.Role, "app", "taskRoleArn");

        var report = await PreflightChecker.RunAsync([decided, asked], probe, default);

        Assert.Equal([asked], probe.Asked);
        Assert.Equal([PreflightOutcome.Skipped, PreflightOutcome.Error], report.Findings.Select(f => f.Outcome).ToList());
        Assert.False(report.Failed);
        Assert.Equal("error    role app  (taskRoleArn): could not check: AccessDeniedException: no iam:GetRole", report.Findings[1].ToString());
    }

    [Fact]
    public async Task Cancellation_is_not_swallowed() =>
        await Assert.ThrowsAsync<OperationCanceledException>(() =>
            PreflightChecker.RunAsync([new PreflightCheck(PreflightKind.Role, "app", "taskRoleArn")], new Throwing(new OperationCanceledException()), default));

    [Fact]
    public async Task The_summary_names_each_missing_thing_and_its_field()
    {
        var report = await PreflightChecker.RunAsync(
            [new PreflightCheck(PreflightKind.Subnet, "subnet-1", "networkConfiguration") { Decided = PreflightResult.Missing("InvalidSubnetID.NotFound") },
             new PreflightCheck(PreflightKind.Role, "app", "taskRoleArn") { Decided = PreflightResult.Ok() }],
            UncheckedPreflightProbe.Local, default);
        Assert.True(report.Failed);
        Assert.Equal("subnet subnet-1 does not exist (networkConfiguration: InvalidSubnetID.NotFound)", report.MissingSummary());
    }
}
