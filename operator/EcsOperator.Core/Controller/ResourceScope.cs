using System.Collections;
using EcsOperator.Core.Resources;

namespace EcsOperator.Core.Controller;

/// <summary>The logging scope of one reconcile: structured (<c>ResourceKey</c>) and printed as the key itself.</summary>
internal sealed class ResourceScope(ResourceKey key) : IReadOnlyList<KeyValuePair<string, object>>
{
    public KeyValuePair<string, object> this[int index] =>
        index == 0 ? new("ResourceKey", key.Pk) : throw new ArgumentOutOfRangeException(nameof(index));

    public int Count => 1;

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
    {
        yield return this[0];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => key.Pk;
}
