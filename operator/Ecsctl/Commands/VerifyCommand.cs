using System.CommandLine;
using Ecsctl.Cli;
using Ecsctl.Manifests;
using EcsOperator.Aws;
using EcsOperator.Core.Manifests.Apply;
using EcsOperator.Core.Preflight;
using CoreApply = EcsOperator.Core.Manifests.Apply.ApplyCommand;

namespace Ecsctl.Commands;

/// <summary>
/// <c>ecsctl verify -f FILE|DIR</c>: before a deploy, checks that what the manifests name exists — ECR images, IAM
/// roles, SSM parameters and Secrets Manager secrets of <c>valueFrom</c>, awslogs log groups, awsvpc subnets and
/// security groups — the same check the operator makes before it starts a rollout. One line per check (ok, missing,
/// skipped with the reason, error when the lookup itself failed); exit 1 on any missing or error.
/// Against AWS when a table or an AWS flag (<c>--region</c>, <c>--profile</c>, <c>--endpoint-url</c>) is given;
/// otherwise local mode, whose simulated world has nothing to look in: every check is skipped and says so.
/// </summary>
internal sealed class VerifyCommand : VerbCommand
{
    public override Command Create(CommonOptions options)
    {
        var command = Define("verify", "Check that the images, roles, secrets, log groups, subnets and security groups manifests name exist",
            "Validates the manifests, then looks up in AWS what their task definitions and network configurations name: ECR images (DescribeImages; other registries are skipped), "
            + "taskRoleArn and executionRoleArn (IAM GetRole), secrets' and repositoryCredentials' valueFrom (SSM GetParameter, Secrets Manager DescribeSecret, with :json-key:version-stage:version-id), "
            + "awslogs groups (unless awslogs-create-group is \"true\"), awsvpc subnets and security groups (EC2). One line per check: ok, missing, skipped (with why) or error (the lookup failed). "
            + "Exit 1 when anything is missing or could not be checked. AWS is asked when --table, --region, --profile or --endpoint-url is given; otherwise (local mode) nothing is looked up.",
            "ecsctl verify -f deploy/ --region ap-northeast-1\n"
            + "ecsctl apply -f deploy/ --set-image app=$IMAGE --dry-run && ecsctl verify -f deploy/ --region $AWS_REGION");
        command.Options.Add(options.Filename);
        Handle(command, options, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(CommandContext ctx, CancellationToken ct)
    {
        var loaded = await ManifestSources.LoadAsync(ctx.RequireFiles(), ctx.Stdin, ctx.ExplicitNamespace, ct);
        CoreApply.WriteSkipped(ctx.Err, loaded);
        if (!loaded.Ok)
        {
            ErrorText.WriteAll(ctx.Err, loaded.Errors);
            ctx.Err.WriteLine($"error: {loaded.Errors.Count} error(s); nothing verified");
            return 1;
        }

        using var aws = UsesAws(ctx) ? AwsClients.Create(ctx.Connection, ctx.Time) : null;
        IPreflightProbe probe = aws?.Preflight ?? UncheckedPreflightProbe.Local;
        if (aws is null) ctx.Err.WriteLine("verify: local mode: nothing is looked up (give --region, --profile, --endpoint-url or --table to check against AWS)");

        var counts = new Dictionary<PreflightOutcome, int>();
        foreach (var doc in loaded.Documents)
        {
            var plan = DocumentPreflight.For(doc);
            var name = $"{doc.Key.Kind.ToString().ToLowerInvariant()}/{doc.Key.Name}";
            if (plan.Note is { } note) ctx.Out.WriteLine($"{name}  note     {note}");
            var report = await PreflightChecker.RunAsync(plan.Checks, probe, ct);
            foreach (var finding in report.Findings)
            {
                counts[finding.Outcome] = counts.GetValueOrDefault(finding.Outcome) + 1;
                ctx.Out.WriteLine($"{name}  {finding}");
            }
        }

        var summary = string.Join(", ", Enum.GetValues<PreflightOutcome>().Select(o => $"{counts.GetValueOrDefault(o)} {o.ToString().ToLowerInvariant()}"));
        var failed = counts.GetValueOrDefault(PreflightOutcome.Missing) + counts.GetValueOrDefault(PreflightOutcome.Error) > 0;
        (failed ? ctx.Err : ctx.Out).WriteLine($"{(failed ? "error: " : "")}{counts.Values.Sum()} check(s) in {loaded.Documents.Count} document(s): {summary}");
        return failed ? 1 : 0;
    }

    /// <summary>AWS is asked when a table is selected (as for the other AWS-facing verbs) or an AWS flag is given.</summary>
    private static bool UsesAws(CommandContext ctx) =>
        !ctx.Has(ctx.Options.StateDir) && (ctx.Has(ctx.Options.Table) || ctx.Has(ctx.Options.Region) || ctx.Has(ctx.Options.Profile)
            || ctx.Has(ctx.Options.EndpointUrl) || !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(CommonOptions.TableEnvironmentVariable)));
}
