namespace Ecsctl.Cli;

/// <summary>Bad command-line usage: exit code 2.</summary>
internal sealed class UsageException(string message, string? command = null) : Exception(message)
{
    public string? Command { get; } = command;
}

/// <summary>A command that failed for a reason already explained in <see cref="Exception.Message"/>: exit code 1.</summary>
internal sealed class CommandFailedException(string message) : Exception(message);
