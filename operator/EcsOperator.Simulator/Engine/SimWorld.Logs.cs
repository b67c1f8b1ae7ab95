using EcsOperator.Core.Aws;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.Engine;

/// <summary>Container output: every container gets its stream when it starts; the workload's container prints the
/// workload's lines.</summary>
internal sealed partial class SimWorld
{
    private void WriteStartupLogs(TaskRec t, ContainerRec c)
    {
        if (c.LogGroup is null || c.LogStream is null) return;
        var at = Now;
        var lines = c.Workload ? t.Workload.LogLines ?? [] : [];
        Logs.Append(c.LogGroup, c.LogStream, lines.Select((l, i) => new LogEvent(at.AddMilliseconds(i), l)));
    }
}
