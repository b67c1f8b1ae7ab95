using EcsOperator.Core.Aws;
using EcsOperator.Core.Jobs;

namespace Ecsctl.Commands;

/// <summary>Prints a Job's container output, run by run, picking up where it left off on every call.</summary>
internal sealed class JobLogFollower(ILogsApi logs, TextWriter output, string? container)
{
    private readonly LogStreamCursor cursor = new(logs);

    /// <summary>Prints what is new in every run's stream; returns how many lines were printed.</summary>
    public async Task<int> PumpAsync(JobState state, CancellationToken ct)
    {
        var printed = 0;
        foreach (var run in state.Runs)
        {
            if (run.LogGroup is not { } group || StreamOf(run) is not { } stream) continue;
            var events = await cursor.ReadNewAsync(group, stream, ct);
            foreach (var e in events) await output.WriteLineAsync(e.Message);
            printed += events.Count;
        }
        await output.FlushAsync(ct);
        return printed;
    }

    /// <summary>The run's stream, or another container's stream of the same task (<c>prefix/container/task-id</c>).</summary>
    private string? StreamOf(JobRun run)
    {
        if (run.LogStream is not { } stream || container is null) return run.LogStream;
        var parts = stream.Split('/');
        if (parts.Length < 3) return stream;
        parts[^2] = container;
        return string.Join('/', parts);
    }
}
