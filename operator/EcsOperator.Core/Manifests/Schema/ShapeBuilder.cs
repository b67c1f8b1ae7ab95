using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using EcsOperator.Core.Model;

namespace EcsOperator.Core.Manifests.Schema;

/// <summary>Derives <see cref="FieldShape"/>s from model types by reflection: the one source of truth for validation and schemas.</summary>
internal static class ShapeBuilder
{
    public static FieldShape Build(Type type) => ShapeOf(type, member: null, depth: 0);

    private static FieldShape ShapeOf(Type type, PropertyInfo? member, int depth)
    {
        if (depth > 16) throw new InvalidOperationException($"model nesting too deep at {type}");
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (member?.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType == typeof(IntOrIntListConverter))
        {
            return new FieldShape(ShapeKind.IntOrIntList, type) { Items = Constrain(new FieldShape(ShapeKind.Integer, typeof(int)), member) };
        }
        if (type == typeof(string)) return Constrain(new FieldShape(ShapeKind.String, type), member);
        if (type == typeof(int) || type == typeof(long)) return Constrain(new FieldShape(ShapeKind.Integer, type), member);
        if (type == typeof(double)) return Constrain(new FieldShape(ShapeKind.Number, type), member);
        if (type == typeof(bool)) return new FieldShape(ShapeKind.Boolean, type);
        if (type == typeof(DateTimeOffset)) return new FieldShape(ShapeKind.DateTime, type);
        if (type.IsEnum) return new FieldShape(ShapeKind.Enum, type) { AllowedValues = Enum.GetNames(type) };
        if (type == typeof(JsonObject)) return new FieldShape(ShapeKind.PassThroughObject, type) { Api = ApiOf(member) };
        if (type == typeof(JsonArray)) return new FieldShape(ShapeKind.PassThroughArray, type) { Api = ApiOf(member) };
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            var args = type.GetGenericArguments();
            if (args[0] != typeof(string)) throw new InvalidOperationException($"map keys must be strings: {type}");
            return new FieldShape(ShapeKind.Map, type) { Items = ShapeOf(args[1], null, depth + 1) };
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var item = Constrain(ShapeOf(type.GetGenericArguments()[0], null, depth + 1), member);
            return new FieldShape(ShapeKind.Array, type) { Items = item, MinItems = member?.GetCustomAttribute<MinLengthAttribute>()?.Length };
        }
        if (type.IsClass && type.GetMethod("<Clone>$") is not null) return ObjectShape(type, depth);
        throw new InvalidOperationException($"no shape for model type {type}");
    }

    private static ApiRef? ApiOf(PropertyInfo? member) =>
        member?.GetCustomAttribute<EcsApiShapeAttribute>() is { } a ? new ApiRef(a.Action, a.Member, a.AlsoAccept) : null;

    private static FieldShape ObjectShape(Type type, int depth)
    {
        var fields = new List<FieldInfo>();
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.GetCustomAttribute<JsonIgnoreAttribute>() is not null) continue;
            var description = p.GetCustomAttribute<DescriptionAttribute>()?.Description
                ?? throw new InvalidOperationException($"{type.Name}.{p.Name} has no [Description]");
            var required = p.GetCustomAttribute<RequiredMemberAttribute>() is not null || p.GetCustomAttribute<RequiredAttribute>() is not null;
            var name = JsonNamingPolicy.CamelCase.ConvertName(p.Name);
            fields.Add(new FieldInfo(name, description, required, DefaultOf(p), ShapeOf(p.PropertyType, p, depth + 1)));
        }
        return new FieldShape(ShapeKind.Object, type)
        {
            Properties = fields,
            ExactlyOneOf = type.GetCustomAttributes<ExactlyOneOfAttribute>().Select(a => Known(type, fields, a.Fields)).ToList(),
            MutuallyExclusive = type.GetCustomAttributes<MutuallyExclusiveAttribute>().Select(a => Known(type, fields, a.Fields)).ToList(),
        };
    }

    private static IReadOnlyList<string> Known(Type type, List<FieldInfo> fields, IReadOnlyList<string> names)
    {
        var unknown = names.Where(n => fields.All(f => f.Name != n)).ToList();
        return unknown.Count == 0 ? names : throw new InvalidOperationException($"{type.Name}: field rule names unknown fields {string.Join(", ", unknown)}");
    }

    private static FieldShape Constrain(FieldShape shape, PropertyInfo? member)
    {
        if (member is null || shape.Kind is not (ShapeKind.String or ShapeKind.Integer or ShapeKind.Number)) return shape;
        var range = member.GetCustomAttribute<RangeAttribute>();
        var regex = member.GetCustomAttribute<RegularExpressionAttribute>();
        var allowed = member.GetCustomAttribute<AllowedValuesAttribute>();
        return shape with
        {
            Kind = allowed is not null ? ShapeKind.Enum : shape.Kind,
            AllowedValues = allowed?.Values.Select(v => Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture)!).ToList(),
            Minimum = range is null ? null : Convert.ToDouble(range.Minimum, System.Globalization.CultureInfo.InvariantCulture),
            Maximum = range is null ? null : Convert.ToDouble(range.Maximum, System.Globalization.CultureInfo.InvariantCulture),
            Pattern = regex?.Pattern,
            PatternMessage = regex?.ErrorMessage,
        };
    }

    private static JsonNode? DefaultOf(PropertyInfo p)
    {
        var attr = p.GetCustomAttribute<DefaultValueAttribute>();
        if (attr is null) return null;
        return attr.Value switch
        {
            null => null,
            Enum e => JsonValue.Create(e.ToString()),
            string s => JsonValue.Create(s),
            bool b => JsonValue.Create(b),
            int i => JsonValue.Create(i),
            double d => JsonValue.Create(d),
            var other => throw new InvalidOperationException($"unsupported default {other} on {p.Name}"),
        };
    }
}
