using EcsOperator.Core.Aws;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.Engine;

/// <summary>Container output: the main container prints its workload's lines when it starts.</summary>
internal sealed partial class SimWorld
{
    private void WriteStartupLogs(TaskRec t)
    {
        if (t.LogsWritten) return;
        t.LogsWritten = true;
        var main = t.Containers.FirstOrDefault(c => c.Essential) ?? t.Containers.FirstOrDefault();
        if (main?.LogGroup is null || main.LogStream is null) return;
        var lines = t.Workload.LogLines ?? [];
        var at = Now;
        Logs.Append(main.LogGroup, main.LogStream, lines.Select((l, i) => new LogEvent(at.AddMilliseconds(i), l)));
    }
}
