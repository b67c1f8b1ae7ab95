namespace EcsOperator.Core;

/// <summary>
/// The event-id range of each component's log messages, so an id names one message across every operator assembly
/// and can be searched for in logs. A new <c>[LoggerMessage]</c> takes the next free id of its component's range; a new
/// component takes a free range here. A test reads this table and the attributes of every assembly and fails on an
/// id used twice or outside its component's range.
/// </summary>
public static class LogEventIds
{
    /// <summary>Component (by the namespace its log methods are declared in) → first and last event id.</summary>
    public static IReadOnlyList<(string Namespace, int First, int Last)> Ranges { get; } =
    [
        ("EcsOperator.Core.Controller", 1000, 1999),
        ("EcsOperator.Core.Apps", 2000, 2099),
        ("EcsOperator.Core.LocalStore", 2100, 2199),
        ("EcsOperator.Hosting", 3000, 3099),
        ("EcsOperator.Aws.DynamoDb", 3100, 3199),
        ("EcsOperator.Aws.Sqs", 3200, 3299),
        ("EcsOperator.Aws.Init", 3300, 3399),
        ("EcsOperator.Aws.Resilience", 3400, 3499),
        ("EcsOperator.Local", 3500, 3599),
        ("EcsOperator.Simulator", 4000, 4999),
        ("EcsOperator.Core.Jobs", 6000, 6999),
        ("EcsOperator.Core.Scaling", 7000, 7099),
        ("EcsOperator.Core.Capacity", 7100, 7199),
        ("EcsOperator.Core.Events", 7800, 7899),
        ("EcsOperator.Aws.Notifications", 7900, 7999),
    ];
}
