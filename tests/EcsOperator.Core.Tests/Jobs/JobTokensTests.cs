using CsCheck;
using EcsOperator.Core.Jobs;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Tests.Jobs;

public sealed class JobTokensTests
{
    private static readonly Gen<string> Label = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789"], 1, 63];

    [Fact]
    public void Tokens_obey_ecs_rules_for_any_identity_and_attempt() =>
        Gen.Select(Label, Label, Gen.String, Gen.Int[1, int.MaxValue], Gen.Int[1, int.MaxValue]).Sample((ns, name, uid, run, attempt) =>
        {
            var key = new ResourceKey(ResourceKind.Job, ns, name);
            var startedBy = JobTokens.StartedBy(key, uid, run);
            var token = JobTokens.ClientToken(key, uid, run, attempt);
            return JobTokens.IsValidStartedBy(startedBy) && JobTokens.IsValidClientToken(token);
        });

    [Fact]
    public void Tokens_are_stable_and_distinguish_job_uid_run_and_try()
    {
        var a = new ResourceKey(ResourceKind.Job, "default", "migrate");
        var b = new ResourceKey(ResourceKind.Job, "other", "migrate");
        Assert.Equal(JobTokens.StartedBy(a, "u1", 1), JobTokens.StartedBy(a, "u1", 1));
        Assert.Equal(JobTokens.ClientToken(a, "u1", 2, 3), JobTokens.ClientToken(a, "u1", 2, 3));
        var all = new[]
        {
            JobTokens.StartedBy(a, "u1", 1), JobTokens.StartedBy(a, "u1", 2), JobTokens.StartedBy(a, "u2", 1), JobTokens.StartedBy(b, "u1", 1),
        };
        Assert.Equal(all.Length, all.Distinct().Count());
        var tokens = new[]
        {
            JobTokens.ClientToken(a, "u1", 1, 1), JobTokens.ClientToken(a, "u1", 1, 2), JobTokens.ClientToken(a, "u1", 2, 1),
            JobTokens.ClientToken(a, "u2", 1, 1), JobTokens.ClientToken(b, "u1", 1, 1),
        };
        Assert.Equal(tokens.Length, tokens.Distinct().Count());
    }

    [Fact]
    public void Rejects_non_positive_runs() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => JobTokens.StartedBy(new ResourceKey(ResourceKind.Job, "d", "j"), "u", 0));
}
