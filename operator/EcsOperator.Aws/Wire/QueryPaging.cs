using System.Xml.Linq;
using EcsOperator.Aws.Resilience;

namespace EcsOperator.Aws.Wire;

/// <summary>The Query protocol's paged Describe* calls, as Auto Scaling and CloudWatch page them.</summary>
internal static class QueryPaging
{
    /// <summary>
    /// Every item <paramref name="read"/> finds in the answers to <paramref name="action"/>: one run of calls per chunk
    /// of names, each run following <c>NextToken</c> until the service stops giving one.
    /// </summary>
    public static async Task<List<T>> DescribeAllAsync<T>(this PacedProtocol<QueryParameters, XElement> calls, string action,
        IEnumerable<string[]> chunks, Func<string[], QueryParameters> parameters, Func<XElement, IEnumerable<T>> read, CancellationToken ct)
    {
        var found = new List<T>();
        foreach (var chunk in chunks)
        {
            string? token = null;
            do
            {
                var p = parameters(chunk);
                if (token is not null) p.Add("NextToken", token);
                var result = await calls.CallAsync(action, p, ct);
                found.AddRange(read(result));
                token = result.NextToken();
            }
            while (token is not null);
        }
        return found;
    }
}
