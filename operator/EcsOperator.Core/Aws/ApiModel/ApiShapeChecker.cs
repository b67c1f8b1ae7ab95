using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EcsOperator.Core.Aws.ApiModel;

/// <summary>
/// Walks a JSON value against an API shape and reports every <see cref="ApiProblem"/>. Strict mode is the wire: a
/// string member must be a JSON string, an integer a JSON integer, nulls are not sent. Lenient mode is a manifest
/// written in YAML: scalars ECS's JSON parser converts are accepted (<c>cpu: 256</c> where the model says string,
/// <c>memory: "512"</c> where it says integer, <c>"true"</c> for a boolean), and explicit nulls mean "not set"
/// (reported as <see cref="ApiProblemKind.Null"/> so the caller can drop them).
/// </summary>
public static class ApiShapeChecker
{
    /// <summary>Checks a whole request of <paramref name="action"/> on the wire.</summary>
    public static IReadOnlyList<ApiProblem> CheckRequest(AwsApiModel model, string action, JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(model);
        var input = model.Input(action) ?? throw new ArgumentException($"the {model.Service} API model has no action {action}", nameof(action));
        var problems = new List<ApiProblem>();
        new Walk(model, lenient: false, problems).Value(request, input, "");
        return problems;
    }

    /// <summary>
    /// Checks a value against <paramref name="shape"/>; members named in <paramref name="describedMembers"/> that the
    /// shape lacks are reported as <see cref="ApiProblemKind.DescribeOnly"/> (top level only).
    /// </summary>
    public static IReadOnlyList<ApiProblem> Check(AwsApiModel model, ApiShape shape, JsonNode? value, string path, bool lenient,
        IReadOnlySet<string>? describedMembers = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var problems = new List<ApiProblem>();
        new Walk(model, lenient, problems, describedMembers).Value(value, shape, path);
        return problems;
    }

    /// <summary>True when a lenient scalar fits the shape's type (used when rendering a request, to convert it).</summary>
    internal static bool IsNumericText(string s, bool integer) => integer
        ? long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
        : double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private sealed class Walk(AwsApiModel model, bool lenient, List<ApiProblem> problems, IReadOnlySet<string>? described = null)
    {
        private bool _top = true;

        public void Value(JsonNode? node, ApiShape shape, string path)
        {
            var top = _top;
            _top = false;
            if (shape.IsDocument) return;
            switch (shape.Type)
            {
                case "structure":
                    if (node is JsonObject obj) Structure(obj, shape, path, top);
                    else Add(ApiProblemKind.WrongType, path, shape, node);
                    break;
                case "list":
                    if (node is JsonArray arr) List(arr, shape, path);
                    else Add(ApiProblemKind.WrongType, path, shape, node);
                    break;
                case "map":
                    if (node is JsonObject map) Map(map, shape, path);
                    else Add(ApiProblemKind.WrongType, path, shape, node);
                    break;
                default:
                    Scalar(node, shape, path);
                    break;
            }
        }

        private void Structure(JsonObject obj, ApiShape shape, string path, bool top)
        {
            foreach (var (name, value) in obj)
            {
                var memberPath = Join(path, name);
                if (!shape.Members.TryGetValue(name, out var target))
                {
                    var kind = top && described is not null && described.Contains(name) ? ApiProblemKind.DescribeOnly : ApiProblemKind.UnknownMember;
                    problems.Add(new ApiProblem(kind, memberPath, shape, value, obj, name));
                    continue;
                }
                if (value is null)
                {
                    problems.Add(new ApiProblem(lenient ? ApiProblemKind.Null : ApiProblemKind.WrongType, memberPath, model.Shape(target), null, obj, name));
                    continue;
                }
                Value(value, model.Shape(target), memberPath);
            }
            foreach (var name in shape.Required.Order(StringComparer.Ordinal))
            {
                if (obj[name] is null) problems.Add(new ApiProblem(ApiProblemKind.MissingRequired, Join(path, name), shape, null, obj, name));
            }
        }

        private void List(JsonArray arr, ApiShape shape, string path)
        {
            if (shape.Min is { } min && arr.Count < min) Add(ApiProblemKind.OutOfRange, path, shape, arr);
            var item = model.Shape(shape.Member!);
            for (var i = 0; i < arr.Count; i++) Value(arr[i], item, $"{path}[{i}]");
        }

        private void Map(JsonObject map, ApiShape shape, string path)
        {
            var key = model.Shape(shape.Key!);
            var value = model.Shape(shape.Value!);
            foreach (var (k, v) in map)
            {
                var itemPath = $"{path}[{JsonSerializer.Serialize(k)}]";
                if (key.Enum is { } keys && !keys.Contains(k, StringComparer.Ordinal)) Add(ApiProblemKind.NotInEnum, itemPath, key, JsonValue.Create(k));
                if (v is null && lenient) continue;
                Value(v, value, itemPath);
            }
        }

        private void Scalar(JsonNode? node, ApiShape shape, string path)
        {
            var kind = node is JsonValue v ? v.GetValueKind() : JsonValueKind.Undefined;
            var text = kind == JsonValueKind.String ? node!.GetValue<string>() : null;
            var fits = shape.Type switch
            {
                "string" => kind == JsonValueKind.String || (lenient && kind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False),
                "integer" or "long" => (kind == JsonValueKind.Number && IsWhole((JsonValue)node!)) || (lenient && text is not null && IsNumericText(text, true)),
                "double" or "float" => kind == JsonValueKind.Number || (lenient && text is not null && IsNumericText(text, false)),
                "boolean" => kind is JsonValueKind.True or JsonValueKind.False || (lenient && text is "true" or "false"),
                "timestamp" => kind is JsonValueKind.Number or JsonValueKind.String,
                "blob" => kind == JsonValueKind.String,
                _ => true,
            };
            if (!fits)
            {
                Add(ApiProblemKind.WrongType, path, shape, node);
                return;
            }
            if (shape.Enum is { } allowed && kind == JsonValueKind.String && !allowed.Contains(text!, StringComparer.Ordinal))
                Add(ApiProblemKind.NotInEnum, path, shape, node);
            else if (shape.Type == "string" && shape.Min is { } minLength && text is not null && text.Length < minLength)
                Add(ApiProblemKind.OutOfRange, path, shape, node);
            else if (shape.IsNumber && shape.Min is { } min && Number(node!) is { } n && n < min)
                Add(ApiProblemKind.OutOfRange, path, shape, node);
        }

        private void Add(ApiProblemKind kind, string path, ApiShape shape, JsonNode? node) => problems.Add(new ApiProblem(kind, path, shape, node, null, null));

        private static bool IsWhole(JsonValue v) => v.TryGetValue(out long _) || v.TryGetValue(out int _)
            || (v.TryGetValue(out JsonElement e) && e.TryGetInt64(out _));

        private static double? Number(JsonNode node) => double.TryParse(node is JsonValue s && s.TryGetValue<string>(out var t) ? t : node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

        private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
    }
}
