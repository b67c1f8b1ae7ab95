using System.Text.Json.Nodes;

namespace EcsOperator.Simulator.Ecs;

internal sealed partial class EcsSimulator
{
    /// <summary>
    /// The answer every Describe* batch call shares: at most <paramref name="max"/> references (else
    /// <paramref name="tooMany"/> as InvalidParameterException); each one <paramref name="render"/> finds lands under
    /// <paramref name="field"/>, each it does not is a MISSING failure named by <paramref name="missingArn"/>.
    /// </summary>
    private static JsonObject DescribeBatch(JsonObject r, string field, List<string> refs, int max, string tooMany,
        Func<string, bool, JsonObject?> render, Func<string, string> missingArn)
    {
        if (refs.Count > max) throw EcsErrors.InvalidParameter(tooMany);
        var tags = IncludesTags(r);
        var found = new JsonArray();
        var failures = new JsonArray();
        foreach (var reference in refs)
        {
            if (render(reference, tags) is { } item) found.Add(item);
            else failures.Add(new JsonObject { ["arn"] = missingArn(reference), ["reason"] = "MISSING" });
        }
        return new JsonObject { [field] = found, ["failures"] = failures };
    }

    /// <summary>The reference itself when it is already an ARN, else the ARN <paramref name="build"/> makes of it.</summary>
    private static string ArnOr(string reference, Func<string, string> build) =>
        reference.StartsWith("arn:", StringComparison.Ordinal) ? reference : build(reference);
}
