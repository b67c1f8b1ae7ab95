using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace EcsOperator.Core.Manifests.Validation;

/// <summary>
/// Turns JsonSchema.Net's hierarchical results into positioned messages. Each failing result names an instance location
/// (a JSON pointer into the document) and an evaluation path (the keywords followed through the schema, <c>$ref</c>s
/// included); following that path through the generated schema gives the failing subschema, and with it the words of
/// the message (<c>type</c> → "expected a list", <c>enum</c> → "is not one of ... (did you mean ...)", a <c>false</c>
/// <c>additionalProperties</c> → "unknown field", the field groups' <c>oneOf</c>/<c>not</c> → "exclusive" / "one of ... is
/// required"). A member whose value is null is "not set", as YAML writes an empty value, unless it is required.
/// </summary>
internal sealed partial class SchemaErrors(JsonObject root, SchemaValidator.CompiledSchema compiled, ValidationContext ctx)
{
    /// <summary>How the last step of an evaluation path reached its instance.</summary>
    private enum Step { Root, Property, MapValue, Item, UnknownMember }

    /// <summary>Where an evaluation path leads: the subschema, our dotted path, and what the last step was.</summary>
    private sealed record Target(JsonNode? Schema, string Path, Step Step, JsonNode? Parent, string? Key, JsonObject? ParentSchema, bool InApi, bool IntListScalar);

    public void Report(EvaluationResults node)
    {
        if (node.IsValid) return;
        var instanceSegments = Segments(node.InstanceLocation.ToString());
        var target = Follow(Segments(node.EvaluationPath.ToString()), instanceSegments);
        if (target is null || target.Path is "apiVersion" or "kind") return; // the envelope check reports these
        var (instance, exists) = Navigate(instanceSegments);
        var skip = new List<string>();
        if (target.Step == Step.UnknownMember)
        {
            UnknownMember(target);
            return;
        }
        if (instance is null && exists && target.Step is Step.Property or Step.Item)
        {
            NullValue(target);
            return;
        }
        if (target.Schema is JsonObject schema)
        {
            var evaluation = node.EvaluationPath.ToString();
            if (schema["oneOf"] is JsonArray oneOf)
            {
                skip.Add(evaluation + "/oneOf/");
                if (FieldGroup(oneOf) is { } group) ExactlyOne(group, instance, target);
                else ReportBranch(node, evaluation + "/oneOf/" + (instance is JsonArray ? 1 : 0));
            }
            if (schema["not"] is JsonObject not)
            {
                skip.Add(evaluation + "/not");
                if (not["required"] is JsonArray names) AtMostOne(Names(names), instance, target);
            }
        }
        // Members first, then the object's own missing fields, then its field groups (the order the messages read best in
        // when several sit at one position).
        var children = (node.Details ?? []).Where(c => !skip.Any(s => c.EvaluationPath.ToString().StartsWith(s, StringComparison.Ordinal))).ToList();
        var groups = node.EvaluationPath + "/allOf/";
        foreach (var child in children.Where(c => !c.EvaluationPath.ToString().StartsWith(groups, StringComparison.Ordinal))) Report(child);
        if (target.Schema is JsonObject own && node.Errors is { Count: > 0 } errors) Keywords(errors, own, instance, target);
        foreach (var child in children.Where(c => c.EvaluationPath.ToString().StartsWith(groups, StringComparison.Ordinal))) Report(child);
    }

    private void ReportBranch(EvaluationResults node, string branch)
    {
        foreach (var child in node.Details ?? [])
        {
            if (child.EvaluationPath.ToString() == branch) Report(child);
        }
    }

    private void Keywords(IReadOnlyDictionary<string, string> errors, JsonObject schema, JsonNode? instance, Target target)
    {
        if (errors.ContainsKey("type"))
        {
            WrongType(schema, instance, target);
            return;
        }
        foreach (var (keyword, libraryMessage) in errors)
        {
            if (keyword == "pattern" && errors.ContainsKey("minLength")) continue;
            var message = keyword switch
            {
                "enum" => NotInEnum(schema, instance),
                "minimum" => $"must be at least {Number(schema["minimum"])}{(target.InApi ? "" : $", got {Number(instance)}")}",
                "maximum" => $"must be at most {Number(schema["maximum"])}{(target.InApi ? "" : $", got {Number(instance)}")}",
                "minItems" => (int)schema["minItems"]! is var n && n == 1 ? "needs at least 1 item" : $"needs at least {n} items",
                "minLength" => (int)schema["minLength"]! is var m && m == 1 ? "must not be empty" : $"must be at least {m} characters long",
                "pattern" => Pattern(schema, instance),
                "required" => null,
                "format" or "const" => null,
                _ => libraryMessage,
            };
            if (keyword == "required") Required(schema, instance, target);
            else if (message is not null) ctx.AtNode(instance, target.Path, message);
        }
    }

    private void WrongType(JsonObject schema, JsonNode? instance, Target target)
    {
        // containerDefinitions that is not a list of mappings is reported by the kind's rules, in their words.
        if (ContainerDefinitions().IsMatch(target.Path)) return;
        var want = target.IntListScalar ? "an integer or a list of integers" : Want(schema["type"]);
        var hint = want == "a string" && instance is JsonValue v && v.GetValueKind() is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
            ? $" (quote it: \"{ctx.Map.Raw(instance) ?? instance.ToJsonString()}\")"
            : "";
        var message = $"expected {want}, got {SchemaValidator.Describe(instance)}{hint}";
        // A null map value has no position of its own: point at its key.
        if (instance is null && target.Parent is JsonObject owner) ctx.AtMember(owner, target.Key!, target.Path, message);
        else ctx.AtNode(instance, target.Path, message);
    }

    private static string NotInEnum(JsonObject schema, JsonNode? instance)
    {
        var values = schema["enum"]!.AsArray();
        // The ECS model's booleans accept true, false and their strings.
        if (values.Any(v => v?.GetValueKind() == JsonValueKind.True)) return $"expected a boolean (true or false), got {SchemaValidator.Describe(instance)}";
        var allowed = values.Select(v => v?.ToString() ?? "null").ToList();
        var text = instance is JsonValue s && s.TryGetValue<string>(out var str) ? str : instance?.ToJsonString() ?? "null";
        return $"'{text}' is not one of {string.Join(", ", allowed)}{DidYouMean.Hint(text, allowed)}";
    }

    private string Pattern(JsonObject schema, JsonNode? instance)
    {
        // The ECS model's numbers also accept numeric strings; a string that is not one is the wrong type.
        if (schema["type"] is JsonArray types) return $"expected {Want(types)}, got {SchemaValidator.Describe(instance)}";
        var pattern = (string)schema["pattern"]!;
        var text = instance is JsonValue v && v.TryGetValue<string>(out var s) ? s : instance?.ToJsonString();
        return $"'{text}' {(compiled.PatternMessages.TryGetValue(pattern, out var message) ? message : $"does not match {pattern}")}";
    }

    private void Required(JsonObject schema, JsonNode? instance, Target target)
    {
        if (instance is not JsonObject owner || schema["required"] is not JsonArray required) return;
        foreach (var name in Names(required))
        {
            if (owner.ContainsKey(name) || (target.Step == Step.Root && name is "apiVersion" or "kind")) continue;
            ctx.AtNode(owner, ValidationContext.Join(target.Path, name), "required field is missing");
        }
    }

    /// <summary>A null member: not set (nothing to say) unless the field is required; a null list item is always wrong.</summary>
    private void NullValue(Target target)
    {
        if (target.Step == Step.Item)
        {
            ctx.Add(ctx.Map.Node(target.Parent) ?? ctx.DocumentStart, target.Path, "list items must not be null");
        }
        else if (target.ParentSchema?["required"] is JsonArray required && Names(required).Contains(target.Key!) && target.Parent is JsonObject owner)
        {
            ctx.AtMember(owner, target.Key!, target.Path, "required field is empty");
        }
    }

    private void UnknownMember(Target target)
    {
        if (target.Parent is not JsonObject owner) return;
        var known = (target.ParentSchema?["properties"] as JsonObject)?.Select(p => p.Key) ?? [];
        if (target.Parent == root) known = known.Append("status");
        ctx.AtKey(owner, target.Key!, target.Path, $"unknown field '{target.Key}'{DidYouMean.Hint(target.Key!, known)}");
    }

    /// <summary>The field names of a field group's <c>oneOf</c> (each branch only <c>required: [name]</c>), or null for a value's alternatives.</summary>
    private static List<string>? FieldGroup(JsonArray oneOf) =>
        oneOf.All(b => b is JsonObject { Count: 1 } o && o["required"] is JsonArray { Count: 1 })
            ? oneOf.Select(b => (string)b!["required"]![0]!).ToList()
            : null;

    private void ExactlyOne(List<string> group, JsonNode? instance, Target target)
    {
        if (instance is not JsonObject owner) return;
        var set = group.Where(name => owner[name] is not null).ToList();
        if (set.Count > 1) ctx.AtKey(owner, set[1], ValidationContext.Join(target.Path, set[1]), $"{Join(set, "and")} are exclusive; set one of them");
        else if (set.Count == 0) ctx.AtNode(owner, target.Path, $"one of {Join(group, "or")} is required");
    }

    private void AtMostOne(List<string> group, JsonNode? instance, Target target)
    {
        if (instance is not JsonObject owner) return;
        var set = group.Where(name => owner[name] is not null).ToList();
        if (set.Count > 1) ctx.AtKey(owner, set[1], ValidationContext.Join(target.Path, set[1]), $"{Join(set, "and")} are exclusive; set one of them");
    }

    private static string Join(IReadOnlyList<string> names, string conjunction) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} {conjunction} {names[^1]}";

    private static List<string> Names(JsonArray names) => names.Select(n => (string)n!).ToList();

    private static string Want(JsonNode? type) => (type is JsonArray types ? (string?)types[0] : (string?)type) switch
    {
        "object" => "a mapping",
        "array" => "a list",
        "integer" => "an integer",
        "number" => "a number",
        "boolean" => "a boolean (true or false)",
        _ => "a string",
    };

    private static string Number(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue(out double d) ? d.ToString(CultureInfo.InvariantCulture) : node?.ToJsonString() ?? "null";

    [GeneratedRegex(@"\.taskDefinition\.containerDefinitions(\[[0-9]+\])?$", RegexOptions.CultureInvariant)]
    private static partial Regex ContainerDefinitions();
}
