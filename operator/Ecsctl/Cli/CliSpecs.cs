namespace Ecsctl.Cli;

/// <summary>One flag: <c>--name</c>, optional <c>-s</c>, and the placeholder of its value (null for a switch).</summary>
internal sealed record FlagSpec(string Name, string? Short, string? ValueName, string Help)
{
    public bool TakesValue => ValueName is not null;

    public string Synopsis => (Short is null ? "    " : $"-{Short}, ") + $"--{Name}" + (TakesValue ? $" {ValueName}" : "");
}

/// <summary>One verb: its arguments, its own flags, help text with an example, and the call it makes.</summary>
internal sealed record CommandSpec(
    string Name,
    string Summary,
    string Usage,
    string Description,
    string Example,
    IReadOnlyList<FlagSpec> Flags,
    int MinArgs,
    int MaxArgs,
    Func<CommandLine, CommandContext, CancellationToken, Task<int>> Run);

/// <summary>Bad command-line usage: exit code 2.</summary>
internal sealed class UsageException(string message, string? command = null) : Exception(message)
{
    public string? Command { get; } = command;
}

/// <summary>A command that failed for a reason already explained in <see cref="Exception.Message"/>: exit code 1.</summary>
internal sealed class CommandFailedException(string message) : Exception(message);
