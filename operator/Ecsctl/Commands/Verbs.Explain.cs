using Ecsctl.Cli;
using EcsOperator.Core.Manifests.Schema;

namespace Ecsctl.Commands;

internal sealed record ExplainOptions(string Path);

/// <summary><c>ecsctl explain</c>: field documentation from the model-derived schemas (no store needed).</summary>
internal static partial class Verbs
{
    public static Task<int> ExplainAsync(CommandLine line, CommandContext ctx, CancellationToken ct)
    {
        var options = new ExplainOptions(line.Args[0]);
        if (!SchemaExplainer.TryExplain(options.Path, out var explanation, out var error))
        {
            ctx.Err.WriteLine($"error: {error}");
            return Task.FromResult(1);
        }

        ctx.Out.Write(explanation!.Render());
        return Task.FromResult(0);
    }
}
