using System.CommandLine;
using Ecsctl.Cli;
using Ecsctl.Manifests;
using EcsOperator.Core.Manifests.Apply;
using CoreApply = EcsOperator.Core.Manifests.Apply.ApplyCommand;

namespace Ecsctl.Commands;

/// <summary><c>ecsctl validate</c>: every error of the manifests as FILE:LINE:COL, and warnings; no store needed.</summary>
internal sealed class ValidateCommand : VerbCommand
{
    public override Command Create(CommonOptions options)
    {
        var command = Define("validate", "Check manifests without applying them",
            "Prints every error as FILE:LINE:COL: field.path: message and exits 1 when there is any. Warns about Apps naming one task definition family and, "
            + "with --region, documents whose spec.region is another region (an operator serves one region).",
            "ecsctl validate -f samples/");
        command.Options.Add(options.Filename);
        Handle(command, options, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(CommandContext ctx, CancellationToken ct)
    {
        var loaded = await ValidateService.ValidateAsync(new ValidateOptions(ctx.RequireFiles(), ctx.ExplicitNamespace), ctx.Stdin, ct);
        CoreApply.WriteSkipped(ctx.Err, loaded);
        if (!loaded.Ok)
        {
            ErrorText.WriteAll(ctx.Err, loaded.Errors);
            ctx.Err.WriteLine($"error: {loaded.Errors.Count} error(s)");
            return 1;
        }

        foreach (var warning in await FamilyWarnings.FindAsync(loaded.Documents, store: null, ct)) ctx.Err.WriteLine(warning);
        if (ctx.Value(ctx.Options.Region) is { Length: > 0 } region)
        {
            foreach (var warning in DocumentRegions.Warnings(loaded.Documents, region)) ctx.Err.WriteLine(warning);
        }

        ctx.Out.WriteLine($"{loaded.Documents.Count} document(s) in {loaded.Files} file(s) are valid");
        return 0;
    }
}
