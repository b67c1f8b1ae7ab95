namespace Ecsctl.Tests;

/// <summary>A writer whose text can be read while ecsctl is still writing to it.</summary>
internal sealed class SharedWriter : StringWriter
{
    private readonly object _gate = new();

    public override void Write(char value)
    {
        lock (_gate) base.Write(value);
    }

    public override void Write(string? value)
    {
        lock (_gate) base.Write(value);
    }

    public override void WriteLine(string? value)
    {
        lock (_gate) base.WriteLine(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_gate) base.Write(buffer, index, count);
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public string Text
    {
        get
        {
            lock (_gate) return ToString();
        }
    }
}
