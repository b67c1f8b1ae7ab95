using EcsOperator.Local;
using EcsOperator.TestUtilities.Contracts;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Tests.Hosting;

/// <summary>The local mode's component log file: appended to, one writer per file, full lines with exceptions.</summary>
public sealed class OperatorLogFileTests
{
    [Fact]
    public async Task A_second_operator_on_the_same_state_directory_writes_its_own_file_and_neither_overwrites_the_other()
    {
        using var state = new TempStateDirectory();
        await File.WriteAllTextAsync(Path.Combine(state.Root, "operator.log"), "an earlier run\n");
        using (var first = LineLoggerProvider.AppendingTo(state.Root, LogLevel.Information, TimeProvider.System))
        using (var second = LineLoggerProvider.AppendingTo(state.Root, LogLevel.Information, TimeProvider.System))
        {
            Assert.Equal(Path.Combine(state.Root, "operator.log"), first.FilePath);
            Assert.Equal(Path.Combine(state.Root, $"operator-{Environment.ProcessId}.log"), second.FilePath);
            var a = first.CreateLogger("EcsOperator.A");
            var b = second.CreateLogger("EcsOperator.B");
            for (var i = 0; i < 50; i++)
            {
                a.LogInformation("first {N}", i);
                b.LogWarning("second {N}", i);
            }
            a.LogDebug("below the minimum");
            a.LogError(new InvalidOperationException("boom"), "failed\nover two lines");
        }

        var log = await File.ReadAllLinesAsync(Path.Combine(state.Root, "operator.log"));
        Assert.Equal("an earlier run", log[0]);
        Assert.Equal(50, log.Count(l => l.Contains(" info EcsOperator.A[0] first ", StringComparison.Ordinal)));
        Assert.DoesNotContain(log, l => l.Contains("below the minimum", StringComparison.Ordinal) || l.Contains("second", StringComparison.Ordinal));
        Assert.Contains(log, l => l.EndsWith(" fail EcsOperator.A[0] failed over two lines", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("System.InvalidOperationException: boom", StringComparison.Ordinal));
        var other = await File.ReadAllLinesAsync(Path.Combine(state.Root, $"operator-{Environment.ProcessId}.log"));
        Assert.Equal(50, other.Count(l => l.Contains(" warn EcsOperator.B[0] second ", StringComparison.Ordinal)));

        // Released on dispose: the next operator writes operator.log again.
        using var next = LineLoggerProvider.AppendingTo(state.Root, LogLevel.Information, TimeProvider.System);
        Assert.Equal(Path.Combine(state.Root, "operator.log"), next.FilePath);
    }

    [Fact]
    public void The_terminal_form_is_one_short_line_with_the_exception_reduced_to_its_message()
    {
        using var terminal = new StringWriter();
        using (var provider = new LineLoggerProvider(terminal, LogLevel.Warning, full: false, TimeProvider.System))
        {
            var logger = provider.CreateLogger("EcsOperator.Core.Controller.ControllerRuntime");
            logger.LogInformation("not shown");
            logger.LogError(new TimeoutException("ECS did not answer\nin time"), "reconcile of {Key} failed", "App/default/web");
        }
        Assert.Equal("fail: reconcile of App/default/web failed: TimeoutException: ECS did not answer in time (ControllerRuntime)" + Environment.NewLine,
            terminal.ToString());
    }
}
