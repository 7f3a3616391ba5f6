#!/usr/bin/env bash
# Regenerates the JSON Schemas that the deploy checks validate Grafana dashboards against.
# Grafana publishes its dashboard schema only as TypeScript types (npm @grafana/schema), so this
# turns those types into JSON Schema with ts-json-schema-generator:
#   dashboard.schema.json          the classic dashboard JSON (raw/dashboard/x: Dashboard), which
#                                  is what file provisioning and the import dialog read
#   panel-options/<type>.schema.json  the options of each panel type the dashboards use
# Needs Node 18+ and npm. Usage: deploy-checks/scripts/generate-grafana-schema.sh [grafana-schema-version]
set -euo pipefail

GRAFANA_SCHEMA_VERSION="${1:-13.2.3}"
# 2.5 and later need Node 22; 2.4.0 runs on the Node 18/20 that Debian 12 and this machine have
GENERATOR_VERSION=2.4.0
PANEL_TYPES=(bargauge stat text timeseries)

module="$(cd "$(dirname "$0")/.." && pwd)"
out="$module/src/test/resources/grafana"
# npm's work area lives under target/, which git ignores and `mvn clean` removes
work="$module/target/grafana-schema-tools"
mkdir -p "$work" "$out/panel-options"

cat > "$work/package.json" <<JSON
{"private": true,
 "devDependencies": {"@grafana/schema": "$GRAFANA_SCHEMA_VERSION", "ts-json-schema-generator": "$GENERATOR_VERSION"}}
JSON
(cd "$work" && npm install --no-audit --no-fund --loglevel=error)

types="$work/node_modules/@grafana/schema/dist/types/raw"
generate() { # <d.ts file> <type> <output> <what it describes>
  (cd "$work" && npx --no-install ts-json-schema-generator --path "$1" --type "$2" --no-type-check -o "$3.tmp")
  # record where the schema came from, so a reader knows which Grafana it describes
  node -e '
    const fs = require("fs");
    const [file, what, version, generator] = process.argv.slice(1);
    const schema = JSON.parse(fs.readFileSync(file + ".tmp", "utf8"));
    const ordered = {"$comment": what + ", generated from @grafana/schema " + version
        + " by ts-json-schema-generator " + generator
        + "; regenerate with deploy-checks/scripts/generate-grafana-schema.sh", ...schema};
    fs.writeFileSync(file, JSON.stringify(ordered, null, 2) + "\n");
    fs.unlinkSync(file + ".tmp");
  ' "$3" "$4" "$GRAFANA_SCHEMA_VERSION" "$GENERATOR_VERSION"
}

generate "$types/dashboard/x/types.gen.d.ts" Dashboard "$out/dashboard.schema.json" "Grafana dashboard JSON"
for panel in "${PANEL_TYPES[@]}"; do
  generate "$types/composable/$panel/panelcfg/x/types.gen.d.ts" Options \
    "$out/panel-options/$panel.schema.json" "Options of Grafana's $panel panel"
done
echo "Grafana schemas from @grafana/schema $GRAFANA_SCHEMA_VERSION written to $out"
