using System.CommandLine;
using System.Globalization;
using Ecsctl.Cli;
using Ecsctl.Output;
using EcsOperator.Core.Resources;

namespace Ecsctl.Commands;

/// <summary><c>ecsctl events</c>: the events the operator recorded, newest last.</summary>
internal sealed class EventsCommand : VerbCommand
{
    public override Command Create(CommonOptions options)
    {
        var resource = Word("resource", "kind/name", KindWords);
        resource.Arity = ArgumentArity.ZeroOrOne;
        var command = Define("events", "List events, newest last", "Kubernetes-style events the operator recorded: reason, message, count, last seen.",
            "ecsctl events app/web\necsctl events -A");
        command.Arguments.Add(resource);
        Handle(command, options, async (ctx, ct) =>
        {
            ResourceKey? key = ctx.Value(resource) is { } text ? ResourceRefs.Keys([text], ctx.Namespace, "events")[0] : null;
            var events = (await ctx.Stores.Events.ListAsync(key, ct))
                .Where(e => key is not null || ctx.AllNamespaces || e.Key.Namespace == ctx.Namespace)
                .OrderBy(e => e.LastTimestamp).ToList();
            if (events.Count == 0)
            {
                ctx.Out.WriteLine("No events found.");
                return 0;
            }

            var now = ctx.Time.GetUtcNow();
            TableWriter.Write(ctx.Out, ["LAST SEEN", "TYPE", "REASON", "OBJECT", "COUNT", "MESSAGE"], events.Select(e => (IReadOnlyList<string>)
            [
                TableWriter.Age(e.LastTimestamp, now), e.Type, e.Reason, ResourceRefs.Display(e.Key),
                e.Count.ToString(CultureInfo.InvariantCulture), e.Message,
            ]).ToList());
            return 0;
        });
        return command;
    }
}
