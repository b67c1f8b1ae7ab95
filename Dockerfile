# syntax=docker/dockerfile:1
# The ecs-operator image: multi-stage build, small ASP.NET runtime base, non-root user, `ecs-operator run`.
# Configure with the same environment variables the CLI reads:
#   ECS_OPERATOR_TABLE, ECS_OPERATOR_QUEUE_URL, AWS_REGION, AWS_ENDPOINT_URL, ECS_OPERATOR_ECS_BACKEND,
#   ECS_OPERATOR_METRICS_PORT (9090), ECS_OPERATOR_BIND_ADDRESS (127.0.0.1), ECS_OPERATOR_WORKERS, ECS_OPERATOR_LOG_LEVEL.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Restore first, from the project files only, so the package layer is cached across source changes.
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY operator/EcsOperator/EcsOperator.csproj operator/EcsOperator/
COPY operator/EcsOperator.Core/EcsOperator.Core.csproj operator/EcsOperator.Core/
COPY operator/EcsOperator.Aws/EcsOperator.Aws.csproj operator/EcsOperator.Aws/
COPY operator/EcsOperator.Simulator/EcsOperator.Simulator.csproj operator/EcsOperator.Simulator/
RUN dotnet restore operator/EcsOperator/EcsOperator.csproj
COPY operator/ operator/
RUN dotnet publish operator/EcsOperator/EcsOperator.csproj -c Release --no-restore -o /out /p:UseAppHost=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
COPY --from=build /out ./
# State for `--ecs-backend simulated` lives here; writable by the non-root user.
ENV ECS_OPERATOR_STATE_DIR=/var/lib/ecs-operator \
    ECS_OPERATOR_METRICS_PORT=9090 \
    DOTNET_gcServer=0 \
    DOTNET_GCHeapHardLimitPercent=0x4B
RUN mkdir -p /var/lib/ecs-operator && chown "$APP_UID" /var/lib/ecs-operator
USER $APP_UID
EXPOSE 9090
STOPSIGNAL SIGTERM
ENTRYPOINT ["/app/ecs-operator", "run"]
