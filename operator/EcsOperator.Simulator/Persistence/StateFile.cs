using System.Text.Json;
using EcsOperator.Simulator.State;

namespace EcsOperator.Simulator.Persistence;

/// <summary>The whole simulation state as one JSON file, replaced atomically (write to a temp file, then rename).</summary>
internal static class StateFile
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    public static string PathIn(string directory) => Path.Combine(directory, "state.json");

    /// <summary>The saved state, or a fresh one when there is none. A corrupt file is kept aside, never silently lost.</summary>
    public static SimState Load(string directory, Action<string, string>? onCorrupt = null)
    {
        var path = PathIn(directory);
        if (!File.Exists(path)) return new SimState();
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<SimState>(stream, Options) ?? new SimState();
        }
        catch (JsonException)
        {
            var backup = path + ".corrupt-" + Guid.NewGuid().ToString("N")[..8];
            File.Move(path, backup, overwrite: true);
            onCorrupt?.Invoke(path, backup);
            return new SimState();
        }
    }

    public static void Save(string directory, SimState state)
    {
        Directory.CreateDirectory(directory);
        var path = PathIn(directory);
        var tmp = path + ".tmp-" + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var stream = File.Create(tmp))
        {
            JsonSerializer.Serialize(stream, state, Options);
        }
        File.Move(tmp, path, overwrite: true);
    }
}
