using System.CommandLine;

namespace Ecsctl.Cli;

/// <summary>
/// One ecsctl verb: a class deriving from this one, in one file under <c>Commands/</c>, whose <see cref="Create"/>
/// returns the System.CommandLine command with its arguments, its own options and its action. The root command finds
/// every such class in this assembly (<see cref="EcsctlCli"/>), so adding a verb is adding that one file.
/// </summary>
internal abstract class VerbCommand
{
    public abstract Command Create(CommonOptions options);

    /// <summary>A command whose help shows <paramref name="summary"/> (also its line in <c>ecsctl --help</c>), the
    /// description and the examples (one per line, each starting with <c>ecsctl</c>).</summary>
    protected static Command Define(string name, string summary, string description, string examples)
    {
        var text = summary + "." + (description.Length > 0 ? "\n" + description : "")
            + "\n\nExample:\n  " + examples.ReplaceLineEndings("\n  ");
        return new Command(name, text);
    }

    /// <summary>The words completed where a verb takes a resource kind.</summary>
    protected static readonly string[] KindWords = ["app", "apps", "job", "jobs", "cronjob", "cj", "scalepolicy", "sp", "capacitypool", "cp", "all"];

    /// <summary>A one-word argument whose shell completion offers <paramref name="words"/> (any word parses: the verb
    /// checks it and says what it takes).</summary>
    protected static Argument<string> Word(string name, string helpName, params string[] words)
    {
        var argument = new Argument<string>(name) { HelpName = helpName };
        argument.CompletionSources.Add(words);
        return argument;
    }

    /// <summary>An argument of <paramref name="min"/> to <paramref name="max"/> words, completed with <paramref name="words"/>.</summary>
    protected static Argument<string[]> Words(string name, string helpName, int min, int max, params string[] words)
    {
        var argument = new Argument<string[]>(name) { HelpName = helpName, Arity = new ArgumentArity(min, max) };
        argument.CompletionSources.Add(words);
        return argument;
    }

    /// <summary>Runs <paramref name="run"/> with the invocation's streams, clock and the parsed options.</summary>
    protected static void Handle(Command command, CommonOptions options, Func<CommandContext, CancellationToken, Task<int>> run) =>
        command.SetAction((parse, ct) => run(new CommandContext(parse, options), ct));
}
