using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace EcsOperator.Core.Model;

/// <summary><c>spec</c> of a ScalePolicy: an App's desired count driven by alarms, schedules and queue depth.</summary>
public sealed record ScalePolicySpec
{
    [Description("Name of the App (same namespace) whose desired count this policy owns.")]
    public required string TargetRef { get; init; }

    [Description("Lowest desired count.")]
    [Range(0, 100000)]
    [DefaultValue(0)]
    public int MinTaskCount { get; init; }

    [Description("Highest desired count: an integer, or an ascending list of staged ceilings such as [10, 25]; a higher ceiling is used only after cooldownTimeForReachMaxSeconds at the previous one.")]
    [Range(0, 100000)]
    [JsonConverter(typeof(IntOrIntListConverter))]
    public required IReadOnlyList<int> MaxTaskCount { get; init; }

    [Description("Seconds the desired count must stay at a ceiling before the next staged ceiling opens.")]
    [Range(0, 86400)]
    [DefaultValue(300)]
    public int CooldownTimeForReachMaxSeconds { get; init; } = 300;

    [Description("Tasks added or removed per scaling decision, unless a trigger sets its own step.")]
    [Range(1, 10000)]
    [DefaultValue(1)]
    public int Step { get; init; } = 1;

    [Description("Seconds to wait after a scaling action before the next one.")]
    [Range(0, 86400)]
    [DefaultValue(60)]
    public int IdleTimeSeconds { get; init; } = 60;

    [Description("Instances one task needs in the capacity pool: 1 or more reserves whole instances per task, a fraction packs tasks by that share of an instance. When unset, tasks are packed by their task definition's cpu/memory.")]
    [Range(0.0, 1000.0)]
    public double? RequiredCapacity { get; init; }

    [Description("Time windows with a raised minimum count, e.g. {from: '1:45', to: '4:30', count: 8}.")]
    public IReadOnlyList<ScheduledMin> ScheduledMinTaskCount { get; init; } = [];

    [Description("Alarms that add tasks while they are in the given state.")]
    public IReadOnlyList<AlarmTrigger> UpscaleTriggers { get; init; } = [];

    [Description("Alarms that remove tasks while they are in the given state.")]
    public IReadOnlyList<AlarmTrigger> DownscaleTriggers { get; init; } = [];

    [Description("SQS queues whose visible message count sets a desired count.")]
    public IReadOnlyList<QueueTrigger> QueueTriggers { get; init; } = [];

    [Description("Name of the CapacityPool (same namespace) the App's tasks are placed on.")]
    public string? CapacityPoolRef { get; init; }
}

/// <summary>A daily window with a raised minimum count.</summary>
public sealed record ScheduledMin
{
    [Description("Start of the window, H:MM (24-hour).")]
    [RegularExpression(ScheduleWindow.Pattern, ErrorMessage = ScheduleWindow.PatternMessage)]
    public required string From { get; init; }

    [Description("End of the window, H:MM (24-hour). A window may cross midnight.")]
    [RegularExpression(ScheduleWindow.Pattern, ErrorMessage = ScheduleWindow.PatternMessage)]
    public required string To { get; init; }

    [Description("Minimum desired count inside the window.")]
    [Range(0, 100000)]
    public required int Count { get; init; }

    [Description("IANA time zone of from and to.")]
    [DefaultValue("UTC")]
    public string TimeZone { get; init; } = "UTC";
}

/// <summary>A CloudWatch alarm that drives scaling.</summary>
public sealed record AlarmTrigger
{
    [Description("Name of the CloudWatch alarm.")]
    public required string AlarmName { get; init; }

    [Description("Alarm state that fires the trigger: ALARM, OK or INSUFFICIENT_DATA.")]
    [AllowedValues("ALARM", "OK", "INSUFFICIENT_DATA")]
    [DefaultValue("ALARM")]
    public string State { get; init; } = "ALARM";

    [Description("Tasks added or removed when the trigger fires. Defaults to the policy's step.")]
    [Range(1, 10000)]
    public int? Step { get; init; }

    [Description("Downscale triggers only: when true this trigger wins over firing upscale triggers.")]
    [DefaultValue(false)]
    public bool PrioritizedOverUpscaleTriggers { get; init; }
}

/// <summary>An SQS queue whose depth sets a desired count.</summary>
public sealed record QueueTrigger
{
    [Description("URL of the SQS queue.")]
    public required string QueueUrl { get; init; }

    [Description("Visible messages one task is expected to handle; desired = ceil(messages / this).")]
    [Range(1, 1000000)]
    public required int TargetMessagesPerTask { get; init; }
}
