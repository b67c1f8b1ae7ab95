using System.CommandLine;
using Ecsctl.Cli;
using Ecsctl.Output;

namespace Ecsctl.Commands;

/// <summary><c>ecsctl describe</c>: spec, status, conditions and events of one or more resources.</summary>
internal sealed class DescribeCommand : VerbCommand
{
    public override Command Create(CommonOptions options)
    {
        var resources = Words("resources", "kind/name...", 1, 10, KindWords);
        var command = Define("describe", "Show a resource in detail: spec, status, conditions, events", "An invalid manifest is shown with every error.",
            "ecsctl describe app/web\necsctl describe job migrate -n staging");
        command.Arguments.Add(resources);
        Handle(command, options, async (ctx, ct) =>
        {
            var keys = ResourceRefs.Keys(ctx.Value(resources)!, ctx.Namespace, "describe");
            var described = await new DescribeService(ctx.Stores.Resources, ctx.Stores.Events).DescribeAsync(new DescribeOptions(keys), ct);
            var exit = 0;
            for (var i = 0; i < described.Count; i++)
            {
                if (described[i].Item is null)
                {
                    ctx.Err.WriteLine($"error: {ResourceRefs.Display(described[i].Key)} not found in namespace \"{described[i].Key.Namespace}\"");
                    exit = 1;
                    continue;
                }

                if (i > 0) ctx.Out.WriteLine();
                DescribeWriter.Write(ctx.Out, described[i], ctx.Time.GetUtcNow());
            }

            return exit;
        });
        return command;
    }
}
