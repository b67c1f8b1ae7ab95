using System.CommandLine;
using Ecsctl.Cli;
using EcsOperator.Core.Resources;

namespace Ecsctl.Commands;

/// <summary><c>ecsctl scale app/NAME --replicas N</c> or <c>ecsctl scale scalepolicy/NAME [--min N] [--max A,B]</c>.</summary>
internal sealed class ScaleCommand : VerbCommand
{
    public override Command Create(CommonOptions options)
    {
        var target = Word("resource", "app/NAME|scalepolicy/NAME", KindWords);
        var replicas = CommonOptions.Value("--replicas", null, "N", "Desired task count of the App.");
        var min = CommonOptions.Value("--min", null, "N", "The ScalePolicy's minTaskCount.");
        var max = CommonOptions.Value("--max", null, "A[,B...]", "The ScalePolicy's maxTaskCount: one ceiling or ascending staged ceilings.");
        var command = Define("scale", "Set an App's replicas, or a ScalePolicy's bounds",
            "Writes spec.replicas (or the policy's minTaskCount / maxTaskCount) with a conditional write. An App whose count a ScalePolicy owns is refused (exit 1) with the policy's name: scale the policy instead.",
            "ecsctl scale app/worker --replicas 4\necsctl scale scalepolicy/web --min 3 --max 10,25");
        command.Arguments.Add(target);
        command.Options.Add(replicas);
        command.Options.Add(min);
        command.Options.Add(max);
        command.Options.Add(options.DryRun);
        Handle(command, options, (ctx, ct) => RunAsync(ctx, ctx.Value(target)!, ctx.Value(replicas), ctx.Value(min), ctx.Value(max), ct));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext ctx, string target, string? replicasText, string? minText, string? maxText, CancellationToken ct)
    {
        var key = ResourceRefs.Keys([target.Contains('/') ? target : "app/" + target], ctx.Namespace, "scale")[0];
        var service = new SetService(ctx.Stores.Resources);
        SetResult result;
        switch (key.Kind)
        {
            case ResourceKind.App:
                if (minText is not null || maxText is not null) throw new UsageException("--min and --max change a ScalePolicy: ecsctl scale scalepolicy/NAME --min N --max A,B", "scale");
                var replicas = ScaleEdits.Count(replicasText ?? throw new UsageException("--replicas N is required for an App", "scale"), "replicas", "scale");
                if (await ScaleEdits.PolicyOfAsync(ctx.Stores.Resources, key, ct) is { } policy)
                {
                    throw new CommandFailedException($"the desired count of {ResourceRefs.Display(key)} belongs to scalepolicy/{policy}; "
                        + $"change the policy instead: ecsctl scale scalepolicy/{policy} --min N --max A,B");
                }

                result = await service.EditAsync(key, root => ScaleEdits.SetReplicas(root, replicas), ctx.DryRun, ct);
                break;
            case ResourceKind.ScalePolicy:
                if (replicasText is not null) throw new UsageException("a ScalePolicy takes --min N and --max A,B, not --replicas", "scale");
                int? min = minText is { } m ? ScaleEdits.Count(m, "min", "scale") : null;
                IReadOnlyList<int>? max = maxText is { } x ? [.. x.Split(',').Select(p => ScaleEdits.Count(p.Trim(), "max", "scale"))] : null;
                if (min is null && max is null) throw new UsageException("give --min N and/or --max A,B", "scale");
                result = await service.EditAsync(key, root => ScaleEdits.SetPolicy(root, min, max), ctx.DryRun, ct);
                break;
            default:
                throw new UsageException("scale works on app/NAME and scalepolicy/NAME", "scale");
        }

        return EditOutput.Write(ctx, result, "scaled", ctx.DryRun);
    }
}
