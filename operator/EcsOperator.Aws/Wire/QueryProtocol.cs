using System.Text;
using System.Xml;
using System.Xml.Linq;
using EcsOperator.Core.Aws;

namespace EcsOperator.Aws.Wire;

/// <summary>The AWS Query protocol: form-encoded <c>Action=...&amp;Version=...</c> POST, XML answer
/// (<c>&lt;ActionResponse&gt;&lt;ActionResult&gt;</c>, errors as <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code&gt;</c>).</summary>
internal sealed class QueryProtocol(AwsWireClient wire, string apiVersion) : IAwsProtocol<QueryParameters, XElement>
{
    private const string ContentType = "application/x-www-form-urlencoded; charset=utf-8";

    public AwsWireClient Wire => wire;

    /// <summary>Calls <paramref name="action"/> and returns its <c>&lt;ActionResult&gt;</c> element (an empty one when the
    /// action has no result). Element names in the result are namespace-free.</summary>
    public async Task<XElement> CallAsync(string action, QueryParameters parameters, CancellationToken ct)
    {
        var root = await PostFormAsync(wire, apiVersion, action, parameters, ct);
        return root.Element(action + "Result") ?? new XElement(action + "Result");
    }

    /// <summary>Posts the form <c>Action=...&amp;Version=...&amp;name=value...</c> and returns the namespace-free root
    /// element of a successful answer; an error answer (the Error element at any depth) or unreadable XML throws.
    /// The Query protocol and its EC2 flavour differ only in what they take from the root.</summary>
    internal static async Task<XElement> PostFormAsync(AwsWireClient wire, string apiVersion, string action, QueryParameters parameters, CancellationToken ct)
    {
        var form = new StringBuilder();
        form.Append("Action=").Append(Uri.EscapeDataString(action));
        form.Append("&Version=").Append(Uri.EscapeDataString(apiVersion));
        foreach (var (name, value) in parameters)
            form.Append('&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value));

        var response = await wire.PostAsync(Encoding.UTF8.GetBytes(form.ToString()), ContentType, null, ct);
        XElement? root;
        try
        {
            root = string.IsNullOrWhiteSpace(response.Body) ? null : StripNamespaces(XElement.Parse(response.Body));
        }
        catch (XmlException e)
        {
            throw AwsWireClient.Unparseable(response.Status, response.Body, e);
        }
        if (response.Status is >= 200 and < 300 && root is not null) return root;
        throw Error(response, root);
    }

    internal static AwsApiException Error(AwsWireResponse response, XElement? root)
    {
        var error = root?.DescendantsAndSelf("Error").FirstOrDefault();
        var code = error?.Element("Code")?.Value;
        if (string.IsNullOrEmpty(code))
        {
            if (response.Status is >= 200 and < 300) throw AwsWireClient.Unparseable(response.Status, response.Body, null);
            code = response.Status >= 500 ? "InternalFailure" : "UnknownError";
        }
        var message = error?.Element("Message")?.Value;
        return AwsApiException.From(code, string.IsNullOrEmpty(message) ? $"HTTP {response.Status}" : message, response.Status);
    }

    /// <summary>The error in an XML error body of a non-2xx answer, or null when the body is not one.</summary>
    internal static AwsApiException? TryXmlError(AwsWireResponse response)
    {
        if (response.Status is >= 200 and < 300 || !response.Body.TrimStart().StartsWith('<')) return null;
        try
        {
            var root = StripNamespaces(XElement.Parse(response.Body));
            return root.DescendantsAndSelf("Error").FirstOrDefault()?.Element("Code") is null ? null : Error(response, root);
        }
        catch (XmlException)
        {
            return null;
        }
    }

    internal static XElement StripNamespaces(XElement e)
    {
        foreach (var node in e.DescendantsAndSelf())
        {
            node.Name = node.Name.LocalName;
            node.ReplaceAttributes(node.Attributes().Where(a => !a.IsNamespaceDeclaration));
        }
        return e;
    }
}

/// <summary>Query-protocol parameters in order, with botocore's list flattening (<c>Name.member.N</c>, 1-based).</summary>
internal sealed class QueryParameters : List<KeyValuePair<string, string>>
{
    public QueryParameters Add(string name, string value)
    {
        Add(new KeyValuePair<string, string>(name, value));
        return this;
    }

    public QueryParameters Add(string name, int value) => Add(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public QueryParameters Add(string name, bool value) => Add(name, value ? "true" : "false");

    public QueryParameters AddList(string name, IEnumerable<string> values)
    {
        var i = 1;
        foreach (var v in values) Add($"{name}.member.{i++}", v);
        return this;
    }
}
