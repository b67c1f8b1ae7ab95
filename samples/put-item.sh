#!/usr/bin/env bash
# Writes a manifest into the operator's DynamoDB table with plain `aws dynamodb put-item`: the raw path of
# DESIGN.md's storage contract. The item is just `pk` = <Kind>/<namespace>/<name> and `manifest` = the file's text;
# the operator picks it up (through the table's stream, or its next resync) like anything `ecsctl apply` wrote.
#
# usage: samples/put-item.sh [-t TABLE] [-e ENDPOINT_URL] [-r REGION] [-k PK] MANIFEST.yaml
#   TABLE         default $ECS_OPERATOR_TABLE
#   ENDPOINT_URL  default $AWS_ENDPOINT_URL (passed as --endpoint-url: the v1 aws CLI does not read the variable)
#   REGION        default: the aws CLI's own ($AWS_REGION / $AWS_DEFAULT_REGION / profile)
#   PK            default: from the manifest's kind, metadata.name and metadata.namespace ("default" when absent)
#
# example: samples/put-item.sh -t ecs-operator samples/apps/web.yaml
set -euo pipefail

table="${ECS_OPERATOR_TABLE:-}"
endpoint="${AWS_ENDPOINT_URL:-}"
region=""
pk=""
usage() { sed -n '6,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while getopts "t:e:r:k:h" opt; do
  case "$opt" in
    t) table="$OPTARG" ;;
    e) endpoint="$OPTARG" ;;
    r) region="$OPTARG" ;;
    k) pk="$OPTARG" ;;
    *) usage ;;
  esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage
file="$1"
[ -n "$table" ] || { echo "put-item.sh: no table: give -t TABLE or set ECS_OPERATOR_TABLE" >&2; exit 2; }
[ -r "$file" ] || { echo "put-item.sh: cannot read $file" >&2; exit 2; }

if [ -z "$pk" ]; then
  # Block-style YAML only (what the samples use); pass -k for anything fancier.
  pk=$(awk '
    function val(s) { sub(/^[^:]*:[ \t]*/, "", s); sub(/[ \t]+#.*$/, "", s); gsub(/^["\047]|["\047]$/, "", s); return s }
    /^kind:/                       { kind = val($0) }
    /^metadata:/                   { meta = 1; next }
    /^[^ \t#]/                     { meta = 0 }
    meta && /^  name:/             { name = val($0) }
    meta && /^  namespace:/        { ns = val($0) }
    END { if (kind == "" || name == "") exit 1; printf "%s/%s/%s", kind, (ns == "" ? "default" : ns), name }
  ' "$file") || { echo "put-item.sh: $file: cannot find kind and metadata.name; pass -k <Kind>/<namespace>/<name>" >&2; exit 2; }
fi

item=$(mktemp)
trap 'rm -f "$item"' EXIT
if command -v jq >/dev/null 2>&1; then
  jq -n --arg pk "$pk" --rawfile manifest "$file" '{pk: {S: $pk}, manifest: {S: $manifest}}' > "$item"
else
  python3 -c 'import json, sys; print(json.dumps({"pk": {"S": sys.argv[1]}, "manifest": {"S": open(sys.argv[2], encoding="utf-8").read()}}))' "$pk" "$file" > "$item"
fi

args=(dynamodb put-item --table-name "$table" --item "file://$item")
[ -n "$endpoint" ] && args+=(--endpoint-url "$endpoint")
[ -n "$region" ] && args+=(--region "$region")
aws "${args[@]}"
echo "put $pk into table $table"
