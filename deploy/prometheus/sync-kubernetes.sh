#!/usr/bin/env bash
# Kustomize reads only files inside a kustomization's own directory, so the Kubernetes base keeps a
# copy of the Prometheus config and rules at deploy/kubernetes/base/prometheus/; this refreshes it
# from deploy/prometheus. The deploy checks fail while the copy differs from its source.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
copy="$here/../kubernetes/base/prometheus"
mkdir -p "$copy/rules"
cp "$here/prometheus-kubernetes.yml" "$copy/prometheus-kubernetes.yml"
rm -f "$copy"/rules/*.yml
cp "$here"/rules/*.yml "$copy/rules/"
echo "copied prometheus-kubernetes.yml and rules/*.yml to ${copy#"$here/"}"
