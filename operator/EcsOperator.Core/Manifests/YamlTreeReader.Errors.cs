using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace EcsOperator.Core.Manifests;

/// <summary>
/// Syntax errors in YamlDotNet's own words and at its own position, with two repairs where the library falls short:
/// its scanner throws a bare <see cref="InvalidOperationException"/> (no position, no message) when a flow collection
/// left open runs into a later <c>key:</c> line, and it places "invalid tab as indentation" at the start of the stream.
/// </summary>
internal sealed partial class YamlTreeReader
{
    private readonly string _text;
    private readonly Stack<(bool Sequence, SourcePosition At)> _openFlows = new();
    private Mark _lastEnd = Mark.Empty;

    private void EnterFlow(bool sequence, NodeEvent ev, SourcePosition at)
    {
        var flow = ev is SequenceStart { Style: SequenceStyle.Flow } or MappingStart { Style: MappingStyle.Flow };
        if (flow) _openFlows.Push((sequence, at));
    }

    private void LeaveFlow(NodeEvent ev)
    {
        if (ev is SequenceStart { Style: SequenceStyle.Flow } or MappingStart { Style: MappingStyle.Flow }) _openFlows.Pop();
    }

    /// <summary>Moves past the current event, remembering where it ended for <see cref="ScannerFailure"/>.</summary>
    private void Advance()
    {
        if (_parser.Current is { } current) _lastEnd = current.End;
        _parser.MoveNext();
    }

    private bool TryConsume<T>() where T : ParsingEvent
    {
        if (!_parser.Accept<T>(out _)) return false;
        Advance();
        return true;
    }

    /// <summary>A <see cref="YamlException"/> as YamlDotNet words and places it.</summary>
    private ManifestError SyntaxError(YamlException e)
    {
        var message = Clean(e.Message);
        var at = Position(e.Start);
        if (message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstIndentTab(at.Line) is { } tab) at = tab;
        return Error(at, "", $"invalid YAML: {message}");
    }

    /// <summary>
    /// The scanner failed without saying where. Inside an open flow collection that is the collection never closed:
    /// reported at its opening bracket with YamlDotNet's message for that class of error.
    /// </summary>
    private ManifestError ScannerFailure(Exception e)
    {
        if (_openFlows.TryPeek(out var open))
        {
            var message = open.Sequence
                ? "While parsing a flow sequence, did not find expected ',' or ']'"
                : "While parsing a flow mapping, did not find expected ',' or '}'";
            var bracket = open.Sequence ? '[' : '{';
            return Error(open.At, "", $"invalid YAML: {message} (the '{bracket}' here is never closed)");
        }
        var near = _lastEnd.Equals(Mark.Empty) ? new SourcePosition(1, 1) : Position(_lastEnd);
        return Error(near, "", $"invalid YAML: the YAML scanner stopped after this point ({e.Message})");
    }

    /// <summary>The first tab in a line's leading whitespace at or after <paramref name="fromLine"/>.</summary>
    private SourcePosition? FirstIndentTab(int fromLine)
    {
        var lines = _text.Split('\n');
        for (var i = Math.Max(0, fromLine - 1); i < lines.Length; i++)
        {
            var line = lines[i];
            for (var c = 0; c < line.Length && line[c] is ' ' or '\t'; c++)
            {
                if (line[c] == '\t') return new SourcePosition(i + 1, c + 1);
            }
        }
        return null;
    }
}
