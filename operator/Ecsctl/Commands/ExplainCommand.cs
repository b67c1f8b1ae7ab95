using System.CommandLine;
using Ecsctl.Cli;
using EcsOperator.Core.Manifests.Schema;

namespace Ecsctl.Commands;

/// <summary><c>ecsctl explain</c>: field documentation from the model-derived schemas (no store needed).</summary>
internal sealed class ExplainCommand : VerbCommand
{
    public override Command Create(CommonOptions options)
    {
        var path = Word("path", "kind[.field.path]", KindWords);
        path.Description = "A kind, or a field of it: app.spec.replicas.";
        var command = Define("explain", "Describe a kind or one of its fields", "Field documentation from the resource schemas.",
            "ecsctl explain app.spec.hooks.preDeploy\necsctl explain scalepolicy.spec.maxTaskCount");
        command.Arguments.Add(path);
        Handle(command, options, (ctx, _) =>
        {
            if (!SchemaExplainer.TryExplain(ctx.Value(path)!, out var explanation, out var error))
            {
                ctx.Err.WriteLine($"error: {error}");
                return Task.FromResult(1);
            }

            ctx.Out.Write(explanation!.Render());
            return Task.FromResult(0);
        });
        return command;
    }
}
