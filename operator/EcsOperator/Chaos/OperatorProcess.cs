using System.Diagnostics;

namespace EcsOperator.Chaos;

/// <summary>
/// One operator as a child process (<c>dotnet ecs-operator.dll local --ecs-endpoint ...</c>, or <c>run ...</c> on the
/// moto backend: <paramref name="args"/>), its output appended to a log file. Killed only with SIGKILL by the run; any
/// other exit is the operator exiting on its own and is recorded.
/// </summary>
internal sealed class OperatorProcess(string name, IReadOnlyList<string> args, int port, string logDirectory) : IDisposable
{
    private Process? process;
    private bool killing;

    public string Name => name;

    public int Port => port;

    public int Starts { get; private set; }

    /// <summary>Exits nobody asked for: "exit code N at time".</summary>
    public List<string> UnexpectedExits { get; } = [];

    public bool Running => process is { HasExited: false };

    public void Start()
    {
        // This build's operator: `dotnet ecs-operator.dll`, or the executable itself when published as a single file.
        var dll = typeof(OperatorProcess).Assembly.Location;
        var info = new ProcessStartInfo(dll.Length > 0 ? "dotnet" : Environment.ProcessPath!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (dll.Length > 0) info.ArgumentList.Add(dll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["DOTNET_gcServer"] = "0";
        var log = new StreamWriter(Path.Combine(logDirectory, $"{name}.{Starts}.log")) { AutoFlush = true };
        var p = new Process { StartInfo = info, EnableRaisingEvents = true };
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        p.Exited += (_, _) =>
        {
            if (!killing) lock (UnexpectedExits) UnexpectedExits.Add($"{name} exited on its own with code {p.ExitCode}");
            lock (log) log.Dispose();
        };
        killing = false;
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        process = p;
        Starts++;
    }

    /// <summary>SIGKILL: no shutdown hooks, no lease release, as a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (process is not { HasExited: false } p) return;
        killing = true;
        p.Kill(entireProcessTree: true);
        p.WaitForExit(10_000);
        p.Dispose();
        process = null;
    }

    public void Dispose() => Kill();
}
