using System.Xml.Linq;

namespace EcsOperator.Aws.Wire;

/// <summary>
/// The EC2 flavour of the Query protocol: the same form-encoded <c>Action=...&amp;Version=...</c> POST, but lists are
/// flattened as <c>Name.N</c> (no <c>.member</c>), the answer is <c>&lt;ActionResponse&gt;</c> itself with no
/// <c>Result</c> wrapper, and errors come as <c>&lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;&lt;Code&gt;</c>.
/// </summary>
internal sealed class Ec2Protocol(AwsWireClient wire, string apiVersion) : IAwsProtocol<QueryParameters, XElement>
{
    public AwsWireClient Wire => wire;

    /// <summary>Calls <paramref name="action"/>; returns the namespace-free <c>&lt;ActionResponse&gt;</c> element.</summary>
    public Task<XElement> CallAsync(string action, QueryParameters parameters, CancellationToken ct) =>
        // <Response><Errors><Error><Code>: the Query protocol's error reader finds the Error element at any depth.
        QueryProtocol.PostFormAsync(wire, apiVersion, action, parameters, ct);

    /// <summary>EC2's list flattening: <c>Name.1</c>, <c>Name.2</c>, ...</summary>
    public static QueryParameters List(string name, IEnumerable<string> values)
    {
        var p = new QueryParameters();
        var i = 1;
        foreach (var v in values) p.Add($"{name}.{i++}", v);
        return p;
    }
}
