using System.Collections.Specialized;
using System.Globalization;
using System.Text.Json.Nodes;
using EcsOperator.Core.Aws.ApiModel;

namespace EcsOperator.TestUtilities.Conformance;

/// <summary>
/// Reads a Query-protocol form (<c>Name=v</c>, <c>List.member.N=v</c>, <c>Struct.Member=v</c>) back into the JSON
/// tree of the action's input shape, typing scalars by the model (integers, booleans) so the shape checker can judge
/// it. A value that does not parse as its type stays a string (a wrong type); an unknown name stays as written.
/// </summary>
internal static class QueryRequestReader
{
    public static JsonObject Read(AwsApiModel model, string action, NameValueCollection form)
    {
        var root = new JsonObject();
        var input = model.Input(action)!;
        foreach (var name in form.AllKeys.OfType<string>().Where(k => k is not ("Action" or "Version")))
            Put(model, root, input, name.Split('.'), form[name] ?? "");
        return root;
    }

    private static void Put(AwsApiModel model, JsonObject obj, ApiShape shape, ReadOnlySpan<string> parts, string value)
    {
        var name = parts[0];
        if (!shape.Members.TryGetValue(name, out var target))
        {
            obj[string.Join('.', parts.ToArray())] = value;
            return;
        }
        var member = model.Shape(target);
        if (parts.Length == 1)
        {
            obj[name] = Scalar(member, value);
            return;
        }
        switch (member.Type)
        {
            case "list" when parts.Length >= 3 && parts[1] == "member" && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var index):
                if (obj[name] is not JsonArray list)
                {
                    list = [];
                    obj[name] = list;
                }
                while (list.Count < index) list.Add(null);
                var item = model.Shape(member.Member!);
                if (parts.Length == 3) list[index - 1] = Scalar(item, value);
                else
                {
                    if (list[index - 1] is not JsonObject child)
                    {
                        child = [];
                        list[index - 1] = child;
                    }
                    Put(model, child, item, parts[3..], value);
                }
                break;
            case "structure":
                if (obj[name] is not JsonObject nested)
                {
                    nested = [];
                    obj[name] = nested;
                }
                Put(model, nested, member, parts[1..], value);
                break;
            default:
                obj[string.Join('.', parts.ToArray())] = value;
                break;
        }
    }

    private static JsonNode Scalar(ApiShape shape, string value) => shape.Type switch
    {
        "integer" or "long" when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => JsonValue.Create(l),
        "double" or "float" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        "boolean" when value is "true" or "false" => JsonValue.Create(value == "true"),
        _ => JsonValue.Create(value),
    };
}
