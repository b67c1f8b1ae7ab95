namespace EcsOperator;

internal static class OperatorProgram
{
    public static Task<int> MainAsync(string[] args)
    {
        Console.Error.WriteLine("usage: ecs-operator local|run|init [options]");
        return Task.FromResult(args.Length == 0 ? 2 : 2);
    }
}
