using System.CommandLine;
using System.CommandLine.Help;

namespace Ecsctl.Cli;

/// <summary>The ecsctl command tree: the global options and every verb (each <see cref="VerbCommand"/> class of this
/// assembly, in name order). Help, completion and parsing all read this tree.</summary>
internal static class EcsctlCli
{
    public const string Summary = "ecsctl: manage ecs-operator resources (apps, jobs, cron jobs, scale policies, capacity pools).";

    public static RootCommand Build()
    {
        var options = new CommonOptions();
        var root = new RootCommand(Summary + "\n\nExample:\n  ecsctl apply -f samples/ && ecsctl get apps\n\nRun 'ecsctl <command> --help' for a command's flags and examples.")
        {
            HelpName = "ecsctl",
        };
        foreach (var option in options.Globals) root.Options.Add(option);
        foreach (var verb in Verbs().Select(v => v.Create(options)).OrderBy(c => c.Name, StringComparer.Ordinal)) root.Subcommands.Add(verb);

        // -h and --help only: the library's extra spellings (-?, /h, /?) could be a file name after -f.
        var help = new EcsctlHelp();
        root.Options.Remove(root.Options.OfType<HelpOption>().Single());
        root.Options.Add(new HelpOption("--help", "-h") { Action = help });

        // Plain "ecsctl": the overview, exit 2 (no command was given).
        root.SetAction(parse =>
        {
            help.Invoke(parse);
            return EcsctlProgram.Usage;
        });
        return root;
    }

    private static IEnumerable<VerbCommand> Verbs() =>
        typeof(VerbCommand).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(VerbCommand)) && !t.IsAbstract)
            .Select(t => (VerbCommand)Activator.CreateInstance(t)!);
}
