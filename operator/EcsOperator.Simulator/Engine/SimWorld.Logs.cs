using EcsOperator.Core.Aws;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.Engine;

/// <summary>Container output: every container gets its stream when the task starts; the main (first essential)
/// container prints its workload's lines.</summary>
internal sealed partial class SimWorld
{
    private void WriteStartupLogs(TaskRec t)
    {
        if (t.LogsWritten) return;
        t.LogsWritten = true;
        var main = t.Containers.FirstOrDefault(c => c.Essential) ?? t.Containers.FirstOrDefault();
        var at = Now;
        foreach (var c in t.Containers)
        {
            if (c.LogGroup is null || c.LogStream is null) continue;
            var lines = ReferenceEquals(c, main) ? t.Workload.LogLines ?? [] : [];
            Logs.Append(c.LogGroup, c.LogStream, lines.Select((l, i) => new LogEvent(at.AddMilliseconds(i), l)));
        }
    }
}
