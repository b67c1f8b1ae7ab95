namespace EcsOperator.Aws.DynamoDb;

/// <summary>The store's table does not exist (in this region / at this endpoint): says which, and how to create it.</summary>
public sealed class TableNotFoundException(string table, Exception inner)
    : InvalidOperationException(
        $"DynamoDB table '{table}' does not exist here; create it with 'ecs-operator init --table {table} --queue-name NAME' or samples/infra/operator.template",
        inner)
{
    public string Table { get; } = table;
}
