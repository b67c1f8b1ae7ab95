using System.Text.Json;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws;

namespace EcsOperator.Simulator;

/// <summary>
/// How a local user (or ecsctl, in another process) sets simulated alarm states while the operator runs:
/// <c>&lt;simulator dir&gt;/alarms.json</c>, <c>{"name": {"state": "ALARM", "reason": "..."}}</c>. The running simulator
/// applies the file whenever it changes, on the next DescribeAlarms.
/// </summary>
public static class AlarmStateFile
{
    public const string FileName = "alarms.json";

    /// <summary>Sets one alarm's state in the file (read-modify-write, atomic rename).</summary>
    public static void SetAlarmState(string simulatorDirectory, string alarmName, string state, string? reason = null)
    {
        if (state is not ("OK" or "ALARM" or "INSUFFICIENT_DATA"))
            throw new AwsApiException(AwsErrorKind.InvalidParameter, "InvalidParameterValue", $"Invalid alarm state '{state}'.");
        Directory.CreateDirectory(simulatorDirectory);
        var path = Path.Combine(simulatorDirectory, FileName);
        var all = Read(path) ?? [];
        all[alarmName] = new JsonObject { ["state"] = state, ["reason"] = reason };
        var tmp = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        File.WriteAllText(tmp, all.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>The file's alarms as (name, state, reason); empty when absent or unreadable.</summary>
    public static IReadOnlyList<(string Name, string State, string? Reason)> ReadAll(string simulatorDirectory)
    {
        var all = Read(Path.Combine(simulatorDirectory, FileName));
        if (all is null) return [];
        var result = new List<(string, string, string?)>();
        foreach (var (name, value) in all)
        {
            if (value is JsonObject o && o["state"] is JsonValue v && v.TryGetValue<string>(out var state)
                && state is "OK" or "ALARM" or "INSUFFICIENT_DATA")
            {
                var reason = o["reason"] is JsonValue r && r.TryGetValue<string>(out var rs) ? rs : null;
                result.Add((name, state, reason));
            }
        }
        return result;
    }

    private static JsonObject? Read(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
