namespace EcsOperator.Core.Apps;

/// <summary>The annotations by which <c>ecsctl rollout restart|pause|resume</c> steer an App, declaratively.</summary>
public static class AppControls
{
    /// <summary>Any new value asks for one new deployment of the running revision (ECS forceNewDeployment); the value
    /// handled last is kept in <c>status.restartedAt</c>, so a restart of the operator does not repeat it.</summary>
    public const string RestartedAtAnnotation = "ecs.operator/restartedAt";

    /// <summary>"true": a changed task definition is not rolled out (the service keeps its revision; other service
    /// fields and the desired count are still applied); status says Paused until the annotation goes.</summary>
    public const string PausedAnnotation = "ecs.operator/paused";

    /// <summary>Progressing=False with this reason while a rollout is held back by <see cref="PausedAnnotation"/>.</summary>
    public const string PausedReason = "Paused";
}
