using Ecsctl.Commands;

namespace Ecsctl.Cli;

/// <summary>Every verb and flag of ecsctl, as data: parsing, help and dispatch all read this table.</summary>
internal static class CommandTable
{
    private static readonly FlagSpec File = new("filename", "f", "FILE", "Manifest file, directory (searched recursively for *.yaml, *.yml, *.json) or - for stdin; repeatable.");
    private static readonly FlagSpec DryRun = new("dry-run", null, null, "Show what would happen; write nothing.");
    private static readonly FlagSpec Selector = new("selector", "l", "SELECTOR",
        "Only resources whose labels match: key=value, key!=value, key in (a,b), key notin (a,b), key, !key; comma-separated, all must hold.");

    public static IReadOnlyList<FlagSpec> Globals { get; } =
    [
        .. StoreFactory.Flags,
        new("namespace", "n", "NS", "Namespace to work in (default: default)."),
        new("all-namespaces", "A", null, "List across all namespaces (get)."),
        new("output", "o", "FORMAT", "Output format: table (default), wide, yaml or json."),
        new("help", "h", null, "Show help for ecsctl or a command."),
    ];

    public static IReadOnlyList<CommandSpec> Commands { get; } =
    [
        new("apply", "Create or update resources from manifests", "ecsctl apply -f FILE|DIR|- [--dry-run] [-l SELECTOR [--prune [--force]]] [--set-image CONTAINER=IMAGE]... [--env-substitution]",
            "Validates every document first and applies nothing when any is invalid. Prints <kind>/<name> created, configured or unchanged per document. "
            + "-l applies only the documents whose labels match; --prune then deletes the stored items carrying the selector that the sources no longer hold "
            + "(refused without --force when the sources hold none of them, or when it would delete more than half of 5 or more selected items). "
            + "--env-substitution replaces ${VAR} and ${VAR:-default} with environment variables before reading (an unset VAR without default is an error at FILE:LINE; $${ is a literal ${); without it ${...} stays as written.",
            "ecsctl apply -f samples/\n  cat web.yaml | ecsctl apply -f - --dry-run\n  ecsctl apply -f deploy/ --set-image app=rails-app:$GIT_SHA\n  IMAGE_TAG=v42 ecsctl apply -f deploy/ --env-substitution\n  ecsctl apply -f deploy/ --prune -l app=rails-app --dry-run",
            [File, DryRun, Selector, new("prune", null, null, "With -l: delete stored items carrying the selector that the sources no longer hold."),
             new("force", null, null, "With --prune: prune even when the guard refuses."),
             new("set-image", null, "CONTAINER=IMAGE", "Set the image of every container of that name in the documents; repeatable."),
             new("env-substitution", null, null, "Replace ${VAR} / ${VAR:-default} with environment variables before reading the manifests.")], 0, 0, Verbs.ApplyAsync),
        new("get", "List resources or show one", "ecsctl get <kind>|all [name] [-n NS | -A] [-l SELECTOR] [-w] [-o table|wide|yaml|json|name|jsonpath=TEMPLATE] | get orphans [--cluster C]...",
            "Kinds: app (apps), job (jobs), cronjob (cj), scalepolicy (sp), capacitypool (cp), or all. Items whose manifest is invalid are listed with status Invalid (and match no -l selector). "
            + "orphans lists the ECS objects (services, task-definition families, Jobs' running tasks) that carry the operator's owner tags while their document is missing from the store: KIND OWNER CLUSTER NAME AGE (-o json|yaml as a List); it looks in the clusters the store names, default and each --cluster (locally: every simulated cluster). "
            + "-o jsonpath takes kubectl's subset: {.a.b[0]}, ['key.with.dots'], [*], [-1], [?(@.type==\"Available\")], {range .items[*]}...{end}, {\"\\n\"}. -w prints every change as it comes, until Ctrl-C.",
            "ecsctl get apps -A\n  ecsctl get job rake-task -o yaml\n  ecsctl get apps -l 'app=rails-app,tier in (web,worker)' -o name\n  ecsctl get app web -o jsonpath='{.status.conditions[?(@.type==\"Progressing\")].reason}'\n  ecsctl get apps -w\n  ecsctl get orphans --cluster production",
            [Selector, new("watch", "w", null, "After the list, print each change from the store until Ctrl-C."),
             new("cluster", null, "NAME", "get orphans: also look in this cluster; repeatable.")], 1, 2, Verbs.GetAsync),
        new("describe", "Show a resource in detail: spec, status, conditions, events", "ecsctl describe <kind>/<name> [-n NS]",
            "An invalid manifest is shown with every error.",
            "ecsctl describe app/web\n  ecsctl describe job migrate -n staging",
            [], 1, 10, Verbs.DescribeAsync),
        new("delete", "Delete resources by name or by manifest", "ecsctl delete <kind>/<name> | -f FILE|DIR|- | <kind>|all -l SELECTOR [--dry-run] [--ignore-not-found]",
            "Deleting an App stops its ECS service unless its deletionPolicy is Retain. With -l, every valid item of the kind in the namespace (-A: all) whose labels match.",
            "ecsctl delete app/web\n  ecsctl delete -f samples/jobs/\n  ecsctl delete jobs -l app=rails-app --dry-run",
            [File, DryRun, Selector, new("ignore-not-found", null, null, "Exit 0 when a resource does not exist.")], 0, 10, Verbs.DeleteAsync),
        new("diff", "Show what apply would change, as a unified diff", "ecsctl diff -f FILE|DIR|-",
            "Compares canonical renderings (keys sorted, status left out). Exit 0: no differences; 1: differences (or an error).",
            "ecsctl diff -f samples/apps/web.yaml",
            [File], 0, 0, Verbs.DiffAsync),
        new("validate", "Check manifests without applying them", "ecsctl validate -f FILE|DIR|- [--region R]",
            "Prints every error as FILE:LINE:COL: field.path: message and exits 1 when there is any. Warns about Apps naming one task definition family and, with --region, documents whose spec.region is another region (an operator serves one region).",
            "ecsctl validate -f samples/",
            [File], 0, 0, Verbs.ValidateAsync),
        VerifyCommand.Spec,
        new("explain", "Describe a kind or one of its fields", "ecsctl explain <kind>[.field.path]",
            "Field documentation from the resource schemas.",
            "ecsctl explain app.spec.hooks.preDeploy\n  ecsctl explain scalepolicy.spec.maxTaskCount",
            [], 1, 1, Verbs.ExplainAsync),
        new("rollout", "Watch, list, undo, restart, pause or resume an App's rollouts", "ecsctl rollout status|history|undo|restart|pause|resume app/NAME [--timeout SECONDS] [--to-revision N] [--dry-run]",
            "status waits until the rollout finishes (exit 0) or fails: rolled back, deadline exceeded, hook failed (exit 1). history lists the task definition revisions; undo puts an earlier revision's task definition back into the App. "
            + "restart sets the annotation ecs.operator/restartedAt: the operator makes one new deployment of the running revision (ECS forceNewDeployment). pause sets ecs.operator/paused: \"true\": a changed task definition is not rolled out (status Progressing=False/Paused) until resume removes it.",
            "ecsctl rollout status app/web --timeout 600\n  ecsctl rollout history app/web\n  ecsctl rollout undo app/web --to-revision 3\n  ecsctl rollout restart app/web && ecsctl rollout status app/web",
            [new("timeout", null, "SECONDS", "Give up waiting after this long (status)."), new("to-revision", null, "N", "The revision to go back to (undo; default: the previous one)."), DryRun],
            2, 2, Verbs.RolloutAsync),
        new("events", "List events, newest last", "ecsctl events [<kind>/<name>] [-n NS | -A]",
            "Kubernetes-style events the operator recorded: reason, message, count, last seen.",
            "ecsctl events app/web\n  ecsctl events -A", [], 0, 1, Verbs.EventsAsync),
        new("run", "Run a one-off command with an App's task definition and exit with its exit code",
            "ecsctl run app/NAME [--container C] [--env K=V]... [--cpu N] [--memory N] [--timeout S] [--via-queue [--accept-timeout 60s]] [--detach] -- COMMAND...",
            "Creates a Job (or sends it through the job queue with --via-queue), streams its output, waits and exits with the job's own exit code. Ctrl-C stops the task unless --detach. Needs a running operator (locally: ecs-operator local).",
            "ecsctl run app/web -- bin/rails db:migrate:status\n  ecsctl run app/web --env VERBOSE=1 --timeout 600 -- bundle exec rake reports:daily",
            [new("container", "c", "NAME", "Container to run the command in (default: the first essential one)."),
             new("env", "e", "K=V", "Environment variable for the command; repeatable."),
             new("cpu", null, "UNITS", "CPU units for the container (1024 = 1 vCPU)."),
             new("memory", null, "MIB", "Memory for the container in MiB."),
             new("timeout", null, "SECONDS", "Stop the task and fail the Job after this long."),
             new("annotation", null, "K=V", "Annotation on the Job (e.g. simulator.ecs.operator/exit-code=3 locally); repeatable."),
             new("via-queue", null, null, "Send the Job through the job queue instead of writing it to the store."),
             new("accept-timeout", null, "DURATION", "With --via-queue: give up (exit 1) when the operator has not made the message a Job after this long (default 60s); a dead-lettered message ends the wait at once with its reason."),
             JobBackends.QueueFlag,
             new("detach", "d", null, "Print the Job's name and return at once.")],
            1, 10000, Verbs.RunAsync),
        new("logs", "Print a Job's or an App's container output", "ecsctl logs job/NAME [-f] [--container C] | logs app/NAME [-f] [--since 10m] [--tail N] [--container C]",
            "Reads CloudWatch Logs (the simulator's logs locally) of every run of the Job. -f follows until the Job ends. "
            + "For an App: the service's running and recently stopped tasks, each line prefixed by its task id; -f keeps following (new tasks of a rollout included) until Ctrl-C.",
            "ecsctl logs job/web-migrate-r7\n  ecsctl logs job/nightly-29459700 -f\n  ecsctl logs app/web -f --since 10m --tail 100",
            [new("follow", "f", null, "Keep printing until the Job ends (an App: until Ctrl-C)."), new("container", "c", "NAME", "Another container of the task."),
             new("since", null, "DURATION", "App: only lines of the last 90s, 10m, 1h."), new("tail", null, "N", "App: only the last N lines before following.")],
            1, 2, Verbs.LogsAnyAsync),
        new("wait", "Wait for a Job condition", "ecsctl wait job/NAME [--for=condition=Complete|Failed] [--timeout=30s]",
            "Exit 0 when the condition is met; 1 on timeout or when the Job ended the other way.",
            "ecsctl wait job/migrate --for=condition=Complete --timeout=10m",
            [new("for", null, "condition=C", "condition=Complete (default) or condition=Failed."), new("timeout", null, "DURATION", "How long to wait: 90s, 5m, 1h (default 30s).")],
            1, 2, Verbs.WaitAsync),
        new("set", "Change an App's (Job's, CronJob's) images or environment in the store", "ecsctl set image KIND/NAME CONTAINER=IMAGE... | set env KIND/NAME CONTAINER KEY=VALUE... KEY-... [--dry-run]",
            "Changes only those fields of the stored manifest (other text, comments included, stays as written when a value is replaced) and writes it back only if nobody else changed it meanwhile (exit 1 otherwise). CONTAINER * sets every container's image. Jobs and CronJobs with an inline taskDefinition are changed there; with appRef, set env changes spec.environment.",
            "ecsctl set image app/web app=123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/rails-app:v42\n  ecsctl set env app/web app RAILS_MAX_THREADS=8 OLD_FLAG-\n  ecsctl set env cronjob/nightly-report app REPORT_DAY=monday --dry-run",
            [DryRun], 3, 1000, Verbs.SetAsync),
        new("scale", "Set an App's replicas, or a ScalePolicy's bounds", "ecsctl scale app/NAME --replicas N | scale scalepolicy/NAME [--min N] [--max A[,B...]] [--dry-run]",
            "Writes spec.replicas (or the policy's minTaskCount / maxTaskCount) with a conditional write. An App whose count a ScalePolicy owns is refused (exit 1) with the policy's name: scale the policy instead.",
            "ecsctl scale app/worker --replicas 4\n  ecsctl scale scalepolicy/web --min 3 --max 10,25",
            [new("replicas", null, "N", "Desired task count of the App."), new("min", null, "N", "The ScalePolicy's minTaskCount."),
             new("max", null, "A[,B...]", "The ScalePolicy's maxTaskCount: one ceiling or ascending staged ceilings."), DryRun], 1, 1, Verbs.ScaleAsync),
        new("completion", "Print a shell completion script", "ecsctl completion bash|zsh",
            "Completes verbs, flags, rollout and set sub-commands, resource kinds, and files after -f.",
            "ecsctl completion bash > ~/.local/share/bash-completion/completions/ecsctl\n  source <(ecsctl completion bash)    # or in ~/.bashrc\n  ecsctl completion zsh > \"${fpath[1]}/_ecsctl\"",
            [], 1, 1, Completion.RunAsync),
        new("version", "Print the ecsctl version", "ecsctl version", "", "ecsctl version", [], 0, 0, Verbs.VersionAsync),
    ];
}
