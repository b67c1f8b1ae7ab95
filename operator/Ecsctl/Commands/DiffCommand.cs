using System.CommandLine;
using Ecsctl.Cli;
using Ecsctl.Manifests;
using EcsOperator.Core.Manifests.Apply;

namespace Ecsctl.Commands;

/// <summary><c>ecsctl diff</c>: what apply would change, as a unified diff (exit 1 when there are differences).</summary>
internal sealed class DiffCommand : VerbCommand
{
    public override Command Create(CommonOptions options)
    {
        var command = Define("diff", "Show what apply would change, as a unified diff",
            "Compares canonical renderings (keys sorted, status left out). Exit 0: no differences; 1: differences (or an error).",
            "ecsctl diff -f samples/apps/web.yaml");
        command.Options.Add(options.Filename);
        Handle(command, options, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(CommandContext ctx, CancellationToken ct)
    {
        var service = new DiffService(ctx.Stores.Resources, () => LiveEcs.Open(ctx));
        var report = await service.DiffAsync(new DiffOptions(ctx.RequireFiles(), ctx.ExplicitNamespace), ctx.Stdin, ct);
        foreach (var file in report.Skipped) ctx.Err.WriteLine(ManifestSources.SkipNote(file));
        foreach (var note in report.Notes) ctx.Err.WriteLine(note);
        if (report.Errors.Count > 0)
        {
            ErrorText.WriteAll(ctx.Err, report.Errors);
            return 1;
        }

        ctx.Out.Write(report.Diff);
        foreach (var ignored in report.Ignored) ctx.Out.WriteLine(ignored);
        return report.HasDifferences ? 1 : 0;
    }
}
