using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace EcsOperator.Local;

/// <summary>Writes each log record as one line to a writer: the full form for <c>operator.log</c> (UTC time, level,
/// category, event id, scopes, then the exception's full text) or the short form for a person's terminal
/// ("warn: message (ControllerRuntime)", an exception reduced to its type and message).</summary>
internal sealed class LineLoggerProvider(TextWriter output, LogLevel minimum, bool full, TimeProvider time, bool ownsOutput = false)
    : ILoggerProvider, ISupportExternalScope
{
    private readonly TextWriter output = TextWriter.Synchronized(output);
    private readonly LogLevel minimum = minimum;
    private IExternalScopeProvider? scopes;

    /// <summary>The file written to, when writing to one.</summary>
    public string? FilePath { get; private init; }

    private IDisposable? held;

    /// <summary>Appends to <c>operator.log</c> in <paramref name="directory"/>, readable by other processes while open.
    /// One process writes it at a time (a lock file held while open): another operator on the same state directory
    /// writes <c>operator-PID.log</c> instead, so their lines never overwrite each other.</summary>
    public static LineLoggerProvider AppendingTo(string directory, LogLevel minimum, TimeProvider time)
    {
        Directory.CreateDirectory(directory);
        var held = TryLock(Path.Combine(directory, "operator.log.lock"));
        var path = Path.Combine(directory, held is null ? $"operator-{Environment.ProcessId}.log" : "operator.log");
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        return new LineLoggerProvider(new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true }, minimum, full: true, time, ownsOutput: true)
        {
            FilePath = path,
            held = held,
        };
    }

    private static FileStream? TryLock(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public ILogger CreateLogger(string categoryName) => new LineLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
        if (ownsOutput) output.Dispose();
        held?.Dispose();
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private void Write<TState>(string category, LogLevel level, EventId id, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var message = formatter(state, exception);
        var line = new StringBuilder();
        if (full)
        {
            line.Append(Core.Model.Rfc3339.Format(time.GetUtcNow()))
                .Append(' ').Append(Level(level)).Append(' ').Append(category).Append('[').Append(id.Id).Append("] ");
            scopes?.ForEachScope((scope, b) => b.Append(scope).Append(" => "), line);
            line.Append(OneLine(message));
            if (exception is not null) line.AppendLine().Append(exception);
        }
        else
        {
            line.Append(Level(level)).Append(": ").Append(OneLine(message));
            if (exception is not null) line.Append(": ").Append(exception.GetType().Name).Append(": ").Append(OneLine(exception.Message));
            line.Append(" (").Append(category[(category.LastIndexOf('.') + 1)..]).Append(')');
        }
        output.WriteLine(line.ToString());
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    private sealed class LineLogger(LineLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => provider.scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= provider.minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel)) provider.Write(category, logLevel, eventId, state, exception, formatter);
        }
    }
}
