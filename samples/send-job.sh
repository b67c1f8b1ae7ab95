#!/usr/bin/env bash
# Sends a Job manifest to the operator's job queue with plain `aws sqs send-message`. The operator stores the Job
# (named after the message when the manifest has no metadata.name), deletes the message only after that, and runs it;
# a message it cannot use goes to the dead-letter queue with the reason in the `ecs-operator-reason` attribute.
#
# usage: samples/send-job.sh [-q QUEUE] [-e ENDPOINT_URL] [-r REGION] JOB.yaml|-
#   QUEUE         queue URL or name; default $ECS_OPERATOR_QUEUE
#   ENDPOINT_URL  default $AWS_ENDPOINT_URL (passed as --endpoint-url: the v1 aws CLI does not read the variable)
#   REGION        default: the aws CLI's own ($AWS_REGION / $AWS_DEFAULT_REGION / profile)
#   JOB.yaml      the Job manifest; - reads it from standard input
#
# example: samples/send-job.sh -q ecs-operator-jobs samples/jobs/rake.yaml
set -euo pipefail

queue="${ECS_OPERATOR_QUEUE:-}"
endpoint="${AWS_ENDPOINT_URL:-}"
region=""
usage() { sed -n '6,10p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while getopts "q:e:r:h" opt; do
  case "$opt" in
    q) queue="$OPTARG" ;;
    e) endpoint="$OPTARG" ;;
    r) region="$OPTARG" ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage
[ -n "$queue" ] || { echo "send-job.sh: no queue: give -q QUEUE or set ECS_OPERATOR_QUEUE" >&2; exit 2; }

common=()
[ -n "$endpoint" ] && common+=(--endpoint-url "$endpoint")
[ -n "$region" ] && common+=(--region "$region")

body=$(mktemp)
trap 'rm -f "$body"' EXIT
if [ "$1" = "-" ]; then cat > "$body"; else cat -- "$1" > "$body"; fi
[ -s "$body" ] || { echo "send-job.sh: the job manifest is empty" >&2; exit 2; }

case "$queue" in
  http://*|https://*) url="$queue" ;;
  *) url=$(aws sqs get-queue-url --queue-name "$queue" --query QueueUrl --output text "${common[@]}") ;;
esac

id=$(aws sqs send-message --queue-url "$url" --message-body "file://$body" --query MessageId --output text "${common[@]}")
echo "sent job message $id to $url"
