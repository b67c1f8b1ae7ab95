using Ecsctl.Cli;

namespace Ecsctl.Commands;

internal static partial class Verbs
{
    /// <summary><c>ecsctl set image KIND/NAME CONTAINER=IMAGE...</c> and <c>ecsctl set env KIND/NAME CONTAINER KEY=VALUE... KEY-...</c>.</summary>
    public static async Task<int> SetAsync(CommandLine line, CommandContext ctx, CancellationToken ct)
    {
        var sub = line.Args[0];
        var key = ResourceRefs.Keys([line.Args[1].Contains('/') ? line.Args[1] : "app/" + line.Args[1]], ctx.Namespace, "set")[0];
        var rest = line.Args.Skip(2).ToList();
        var service = new SetService(ctx.Stores.Resources);
        SetResult result;
        switch (sub)
        {
            case "image":
                var images = rest.Select(a => Pair(a, "CONTAINER=IMAGE")).ToList();
                if (images.Count == 0) throw new UsageException("name at least one CONTAINER=IMAGE", "set");
                result = await service.EditAsync(key, root => ManifestEdits.SetImages(key, root, images), line.Has("dry-run"), ct);
                break;
            case "env":
                if (rest.Count < 2) throw new UsageException("usage: ecsctl set env KIND/NAME CONTAINER KEY=VALUE... [KEY-]...", "set");
                var env = rest.Skip(1).Select(EnvArg).ToList();
                result = await service.EditAsync(key, root => ManifestEdits.SetEnv(key, root, rest[0], env), line.Has("dry-run"), ct);
                break;
            default:
                throw new UsageException($"unknown set command \"{sub}\"; use image or env", "set");
        }

        return WriteEdit(ctx, result, sub + " updated", line.Has("dry-run"));
    }

    private static (string Name, string? Value) EnvArg(string text)
    {
        if (text.Length > 1 && text.EndsWith('-') && !text.Contains('=', StringComparison.Ordinal)) return (text[..^1], null);
        var (name, value) = Pair(text, "KEY=VALUE or KEY-");
        return (name, value);
    }

    private static (string Left, string Right) Pair(string text, string shape)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0) throw new UsageException($"\"{text}\" is not {shape}", "set");
        return (text[..eq], text[(eq + 1)..]);
    }
}
