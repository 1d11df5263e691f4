#!/usr/bin/env bash
# Runs one golden CLI case: chorus with the arguments in CASE/cmd, from
# inside CASE, compared with CASE/expected (stdout) and CASE/status (exit
# code). With UPDATE_GOLDEN=1 the expectations are rewritten instead.
set -u
chorus=$1
case_dir=$2
cd "$case_dir" || exit 1
out=$(mktemp)
trap 'rm -f "$out"' EXIT
args=$(cat cmd)
eval "\"$chorus\" $args" >"$out" 2>/dev/null </dev/null
status=$?
if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$out" expected
  echo "$status" >status
  echo "updated $(basename "$case_dir")"
  exit 0
fi
want=$(cat status 2>/dev/null || echo 0)
if [ "$status" != "$want" ]; then
  echo "exit status $status, expected $want"
  exit 1
fi
if ! diff -u expected "$out"; then
  echo "output differs from $(basename "$case_dir")/expected (UPDATE_GOLDEN=1 to accept)"
  exit 1
fi
