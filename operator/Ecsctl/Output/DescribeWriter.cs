using System.Text.Json;
using System.Text.Json.Nodes;
using Ecsctl.Commands;
using Ecsctl.Manifests;
using EcsOperator.Core.Json;

namespace Ecsctl.Output;

/// <summary>kubectl-describe-style text: identity, spec summary, status, conditions, events (and errors of an invalid manifest).</summary>
internal static class DescribeWriter
{
    private const int LabelWidth = 22;

    public static void Write(TextWriter o, Described d, DateTimeOffset now)
    {
        var item = d.Item!;
        var r = item.Resource;
        Field(o, "Name", r.Key.Name);
        Field(o, "Namespace", r.Key.Namespace);
        Field(o, "Kind", r.Key.Kind.ToString());
        if (item.Document is { } doc)
        {
            Pairs(o, "Labels", doc.Root.Obj("metadata").Obj("labels"));
            Pairs(o, "Annotations", doc.Root.Obj("metadata").Obj("annotations"));
        }

        Field(o, "Generation", r.Generation.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field(o, "Created", r.CreatedAt is { } c ? $"{TableWriter.Time(c)} ({TableWriter.Age(c, now)} ago)" : "<unknown>");
        Field(o, "State", StatusView.Summary(item));
        if (!item.Valid)
        {
            o.WriteLine("Manifest errors:");
            foreach (var e in item.Errors) o.WriteLine("  " + ErrorText.Format(e));
        }
        else
        {
            o.WriteLine("Spec:");
            Tree(o, item.Document!.Spec, 1);
        }

        if (item.Status is { } status)
        {
            o.WriteLine("Status:");
            var rest = status.Where(p => p.Key != "conditions").ToDictionary(p => p.Key, p => p.Value);
            Tree(o, new JsonObject(rest.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))), 1);
        }

        Conditions(o, item.Status.Arr("conditions"), now);
        Events(o, d, now);
    }

    private static void Field(TextWriter o, string label, string value) => o.WriteLine($"{label + ":",-LabelWidth}{value}");

    private static void Pairs(TextWriter o, string label, JsonObject? pairs)
    {
        if (pairs is null || pairs.Count == 0)
        {
            Field(o, label, "<none>");
            return;
        }

        var first = true;
        foreach (var (k, v) in pairs)
        {
            o.WriteLine($"{(first ? label + ":" : ""),-LabelWidth}{k}={StatusView.Text(v).Replace("\n", "\\n", StringComparison.Ordinal)}");
            first = false;
        }
    }

    /// <summary>Scalars inline; small objects nested; long pass-through objects (task definitions) summarised.</summary>
    private static void Tree(TextWriter o, JsonObject obj, int depth)
    {
        var pad = new string(' ', depth * 2);
        foreach (var (key, value) in obj)
        {
            switch (value)
            {
                case JsonObject child when depth >= 3:
                    o.WriteLine($"{pad}{key}: <{child.Count} fields>");
                    break;
                case JsonObject child:
                    o.WriteLine($"{pad}{key}:");
                    Tree(o, child, depth + 1);
                    break;
                case JsonArray list when list.All(x => x is JsonValue):
                    o.WriteLine($"{pad}{key}: [{string.Join(", ", list.Select(StatusView.Text))}]");
                    break;
                case JsonArray list:
                    o.WriteLine($"{pad}{key}: {list.Count} item(s)");
                    foreach (var element in list.OfType<JsonObject>()) o.WriteLine($"{pad}  - {Summary(element)}");
                    break;
                default:
                    o.WriteLine($"{pad}{key}: {StatusView.Text(value)}");
                    break;
            }
        }
    }

    /// <summary>A list element in one line: its name-like field and its scalars.</summary>
    private static string Summary(JsonObject element)
    {
        var scalars = element.Where(p => p.Value is JsonValue).Take(6).Select(p => $"{p.Key}={StatusView.Text(p.Value)}");
        var line = string.Join(" ", scalars);
        return line.Length > 160 ? line[..157] + "..." : line;
    }

    private static void Conditions(TextWriter o, JsonArray? conditions, DateTimeOffset now)
    {
        o.WriteLine("Conditions:");
        var rows = conditions.Objects().Select(c => (IReadOnlyList<string>)
        [
            c.Str("type") ?? "-", c.Str("status") ?? "-", c.Str("reason") ?? "-",
            StatusView.Time(c, "lastTransitionTime") is { } t ? TableWriter.Age(t, now) : "-", c.Str("message") ?? "",
        ]).ToList();
        if (rows.Count == 0) o.WriteLine("  <none>");
        else TableWriter.Write(new IndentedWriter(o), ["TYPE", "STATUS", "REASON", "AGE", "MESSAGE"], rows);
    }

    private static void Events(TextWriter o, Described d, DateTimeOffset now)
    {
        o.WriteLine("Events:");
        if (d.Events.Count == 0)
        {
            o.WriteLine("  <none>");
            return;
        }

        var rows = d.Events.Select(e => (IReadOnlyList<string>)
        [
            e.Type, e.Reason, e.Count > 1 ? $"{TableWriter.Age(e.LastTimestamp, now)} (x{e.Count} over {TableWriter.Age(e.FirstTimestamp, now)})" : TableWriter.Age(e.LastTimestamp, now),
            e.Message,
        ]).ToList();
        TableWriter.Write(new IndentedWriter(o), ["TYPE", "REASON", "AGE", "MESSAGE"], rows);
    }

    /// <summary>Writes lines indented by two spaces.</summary>
    private sealed class IndentedWriter(TextWriter inner) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;

        public override void WriteLine(string? value) => inner.WriteLine("  " + value);

        public override void Write(char value) => inner.Write(value);
    }
}
