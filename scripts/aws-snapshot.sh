#!/usr/bin/env bash
# Writes the AWS CLI describe-* output netlint reads into a folder, one file per call, for one
# account and region:  scripts/aws-snapshot.sh OUT_DIR [REGION]
# Needs the AWS CLI v2 and read-only credentials (e.g. the ReadOnlyAccess managed policy).
# The folder layout (<out>/<account>/<region>/<call>.json) keeps accounts and regions apart when
# several snapshots are checked together.
set -euo pipefail

if [ $# -lt 1 ]; then
  echo "usage: $0 OUT_DIR [REGION]" >&2
  exit 2
fi
region="${2:-$(aws configure get region)}"
account="$(aws sts get-caller-identity --query Account --output text)"
out="$1/$account/$region"
mkdir -p "$out"

call() {  # call FILE aws-arguments...
  local file="$1"
  shift
  if ! aws --region "$region" --output json "$@" >"$out/$file.json.tmp" 2>"$out/$file.err"; then
    echo "warning: aws $* failed: $(cat "$out/$file.err")" >&2
    rm -f "$out/$file.json.tmp"
  else
    mv "$out/$file.json.tmp" "$out/$file.json"
  fi
  rm -f "$out/$file.err"
}

for api in vpcs subnets route-tables security-groups network-acls vpc-endpoints nat-gateways \
           internet-gateways egress-only-internet-gateways managed-prefix-lists \
           network-interfaces instances vpc-peering-connections transit-gateway-attachments; do
  call "ec2-describe-$api" ec2 "describe-$api"
done

for vpc in $(aws --region "$region" ec2 describe-vpcs --query 'Vpcs[].VpcId' --output text); do
  call "ec2-describe-vpc-attribute-$vpc-dns-support" ec2 describe-vpc-attribute \
    --vpc-id "$vpc" --attribute enableDnsSupport
  call "ec2-describe-vpc-attribute-$vpc-dns-hostnames" ec2 describe-vpc-attribute \
    --vpc-id "$vpc" --attribute enableDnsHostnames
done

# The entries call does not repeat the list id, so the id goes into the file name.
for list in $(aws --region "$region" ec2 describe-managed-prefix-lists \
                --query 'PrefixLists[?OwnerId!=`AWS`].PrefixListId' --output text); do
  call "ec2-get-managed-prefix-list-entries-$list" ec2 get-managed-prefix-list-entries \
    --prefix-list-id "$list"
done

call elbv2-describe-load-balancers elbv2 describe-load-balancers
call elbv2-describe-target-groups elbv2 describe-target-groups
for lb in $(aws --region "$region" elbv2 describe-load-balancers \
              --query 'LoadBalancers[].LoadBalancerArn' --output text); do
  call "elbv2-describe-listeners-${lb##*/}" elbv2 describe-listeners --load-balancer-arn "$lb"
done
for tg in $(aws --region "$region" elbv2 describe-target-groups \
              --query 'TargetGroups[].TargetGroupArn' --output text); do
  # describe-target-health does not repeat the target group ARN; netlint reads it from the
  # file name, URL-encoded as CloudMapper does.
  encoded="$(printf '%s' "$tg" | sed -e 's/:/%3A/g' -e 's|/|%2F|g')"
  call "elbv2-describe-target-health-$encoded" elbv2 describe-target-health \
    --target-group-arn "$tg"
done

for cluster in $(aws --region "$region" ecs list-clusters --query 'clusterArns[]' --output text); do
  name="${cluster##*/}"
  services=$(aws --region "$region" ecs list-services --cluster "$cluster" \
               --query 'serviceArns[]' --output text)
  set -- $services
  batch=0
  while [ $# -gt 0 ]; do  # describe-services takes at most 10 services per call
    chunk=("${@:1:10}")
    shift $(( $# < 10 ? $# : 10 ))
    call "ecs-describe-services-$name-$batch" ecs describe-services --cluster "$cluster" \
      --services "${chunk[@]}"
    batch=$((batch + 1))
  done
  instances=$(aws --region "$region" ecs list-container-instances --cluster "$cluster" \
                --query 'containerInstanceArns[]' --output text)
  if [ -n "$instances" ]; then
    # shellcheck disable=SC2086
    call "ecs-describe-container-instances-$name" ecs describe-container-instances \
      --cluster "$cluster" --container-instances $instances
  fi
done
for family in $(aws --region "$region" ecs list-task-definition-families --status ACTIVE \
                  --query 'families[]' --output text); do
  call "ecs-describe-task-definition-$family" ecs describe-task-definition \
    --task-definition "$family"
done

call rds-describe-db-instances rds describe-db-instances
call rds-describe-db-subnet-groups rds describe-db-subnet-groups
call elasticache-describe-cache-clusters elasticache describe-cache-clusters
call elasticache-describe-replication-groups elasticache describe-replication-groups
call elasticache-describe-cache-subnet-groups elasticache describe-cache-subnet-groups

echo "snapshot written to $out; check it with: netlint check $1"
