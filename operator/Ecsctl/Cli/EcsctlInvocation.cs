using System.CommandLine;

namespace Ecsctl.Cli;

/// <summary>What one invocation runs with besides the output and error streams System.CommandLine already carries:
/// standard input and the clock (a fake one in tests).</summary>
internal sealed class EcsctlInvocation(TextReader stdin, TimeProvider time) : InvocationConfiguration
{
    public TextReader Stdin { get; } = stdin;

    public TimeProvider Time { get; } = time;
}
