using System.CommandLine;
using Ecsctl.Cli;
using EcsOperator.Core.Manifests.Apply;
using CoreApply = EcsOperator.Core.Manifests.Apply.ApplyCommand;

namespace Ecsctl.Commands;

/// <summary><c>ecsctl apply</c>: the plain apply of the core, or <see cref="ApplyVerb"/> when a CI flag is given.</summary>
internal sealed class ApplyCommand : VerbCommand
{
    public override Command Create(CommonOptions options)
    {
        var prune = CommonOptions.Switch("--prune", null, "With -l: delete stored items carrying the selector that the sources no longer hold.");
        var force = CommonOptions.Switch("--force", null, "With --prune: prune even when the guard refuses.");
        var setImage = CommonOptions.Repeatable("--set-image", null, "CONTAINER=IMAGE", "Set the image of every container of that name in the documents; repeatable.");
        var envSubstitution = CommonOptions.Switch("--env-substitution", null, "Replace ${VAR} / ${VAR:-default} with environment variables before reading the manifests.");
        var command = Define("apply", "Create or update resources from manifests",
            "Validates every document first and applies nothing when any is invalid. Prints <kind>/<name> created, configured or unchanged per document. "
            + "-l applies only the documents whose labels match; --prune then deletes the stored items carrying the selector that the sources no longer hold "
            + "(refused without --force when the sources hold none of them, or when it would delete more than half of 5 or more selected items). "
            + "--env-substitution replaces ${VAR} and ${VAR:-default} with environment variables before reading (an unset VAR without default is an error at FILE:LINE; $${ is a literal ${); without it ${...} stays as written.",
            "ecsctl apply -f samples/\ncat web.yaml | ecsctl apply -f - --dry-run\necsctl apply -f deploy/ --set-image app=rails-app:$GIT_SHA\n"
            + "IMAGE_TAG=v42 ecsctl apply -f deploy/ --env-substitution\necsctl apply -f deploy/ --prune -l app=rails-app --dry-run");
        command.Options.Add(options.Filename);
        command.Options.Add(options.DryRun);
        command.Options.Add(options.Selector);
        command.Options.Add(prune);
        command.Options.Add(force);
        command.Options.Add(setImage);
        command.Options.Add(envSubstitution);
        Handle(command, options, (ctx, ct) =>
        {
            var files = ctx.RequireFiles();
            if (ctx.Has(options.Selector) || ctx.Has(prune) || ctx.Has(setImage) || ctx.Has(envSubstitution))
            {
                var flags = new ApplyCiFlags(ctx.Value(prune), ctx.Value(force), ctx.Values(setImage), ctx.Value(envSubstitution));
                return ApplyVerb.RunAsync(flags, ctx, files, ct);
            }

            return CoreApply.RunAsync(ctx.Stores.Resources, new ApplyRequest(files, ctx.DryRun, ctx.ExplicitNamespace), ctx.Stdin, ctx.Out, ctx.Err, ct);
        });
        return command;
    }
}
