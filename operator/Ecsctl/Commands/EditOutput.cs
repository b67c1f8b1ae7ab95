namespace Ecsctl.Commands;

/// <summary>What <c>set</c>, <c>scale</c> and <c>rollout restart|pause|resume</c> print after an edit of a stored manifest.</summary>
internal static class EditOutput
{
    public static int Write(CommandContext ctx, SetResult result, string done, bool dryRun)
    {
        var display = ResourceRefs.Display(result.Key);
        if (result.Changes.Count == 0)
        {
            ctx.Out.WriteLine($"{display} unchanged");
            return 0;
        }

        foreach (var c in result.Changes) ctx.Out.WriteLine($"{display}: {c.Field}: {c.Before ?? "(unset)"} -> {c.After ?? "(removed)"}");
        if (result.Rewritten) ctx.Err.WriteLine($"note: {display} was written in canonical form (comments and layout of the stored text are not kept for this change)");
        ctx.Out.WriteLine($"{display} {done}{(dryRun ? " (dry run)" : "")}");
        return 0;
    }
}
