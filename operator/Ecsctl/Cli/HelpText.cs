namespace Ecsctl.Cli;

/// <summary>Help screens generated from <see cref="CommandTable"/>.</summary>
internal static class HelpText
{
    public static void Write(TextWriter o, CommandSpec? command)
    {
        if (command is null)
        {
            o.WriteLine("ecsctl: manage ecs-operator resources (apps, jobs, cron jobs, scale policies, capacity pools).");
            o.WriteLine();
            o.WriteLine("Usage: ecsctl <command> [arguments] [flags]");
            o.WriteLine();
            o.WriteLine("Commands:");
            foreach (var c in CommandTable.Commands) o.WriteLine($"  {c.Name,-12}{c.Summary}");
            WriteFlags(o, "Global flags:", CommandTable.Globals);
            o.WriteLine();
            o.WriteLine("Example:");
            o.WriteLine("  ecsctl apply -f samples/ && ecsctl get apps");
            o.WriteLine();
            o.WriteLine("Run 'ecsctl <command> --help' for a command's flags and examples.");
            return;
        }

        o.WriteLine(command.Summary + ".");
        if (command.Description.Length > 0) o.WriteLine(command.Description);
        o.WriteLine();
        o.WriteLine("Usage: " + command.Usage);
        if (command.Flags.Count > 0) WriteFlags(o, "Flags:", command.Flags);
        WriteFlags(o, "Global flags:", CommandTable.Globals);
        o.WriteLine();
        o.WriteLine("Example:");
        o.WriteLine("  " + command.Example);
    }

    private static void WriteFlags(TextWriter o, string title, IReadOnlyList<FlagSpec> flags)
    {
        o.WriteLine();
        o.WriteLine(title);
        var width = flags.Max(f => f.Synopsis.Length) + 3;
        foreach (var f in flags) o.WriteLine($"  {f.Synopsis.PadRight(width)}{f.Help}");
    }
}
