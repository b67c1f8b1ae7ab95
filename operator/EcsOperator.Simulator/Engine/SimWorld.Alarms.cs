using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.Engine;

internal sealed partial class SimWorld
{
    /// <summary>Creates or updates an alarm; its update time moves only when state or reason changes.</summary>
    public void SetAlarm(string name, string state, string? reason)
    {
        var text = reason ?? $"Set to {state} by the simulator";
        if (!State.Alarms.TryGetValue(name, out var a)) State.Alarms[name] = a = new AlarmRec { Name = name, UpdatedAt = Now };
        if (a.State == state && a.Reason == text) return;
        a.State = state;
        a.Reason = text;
        a.UpdatedAt = Now;
        Changed();
    }
}
