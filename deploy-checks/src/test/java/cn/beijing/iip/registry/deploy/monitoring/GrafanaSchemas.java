package cn.beijing.iip.registry.deploy.monitoring;

import java.util.List;
import java.util.Optional;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;

/**
 * Grafana's dashboard schema and the option schemas of its panel types, as JSON Schema generated
 * from npm {@code @grafana/schema} by deploy-checks/scripts/generate-grafana-schema.sh.
 */
final class GrafanaSchemas {

    // the generated schemas declare draft-07
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7);
    private static final Schema DASHBOARD = load("grafana/dashboard.schema.json");

    private GrafanaSchemas() {
    }

    static List<String> dashboardErrors(JsonNode dashboard) {
        return messages(DASHBOARD.validate(dashboard));
    }

    /** The errors of a panel's options, or empty when no schema of its panel type is kept here. */
    static Optional<List<String>> optionErrors(String panelType, JsonNode options) {
        String resource = "grafana/panel-options/" + panelType + ".schema.json";
        if (GrafanaSchemas.class.getClassLoader().getResource(resource) == null) {
            return Optional.empty();
        }
        return Optional.of(messages(load(resource).validate(options)));
    }

    static String dashboardSchemaOrigin() {
        return OperatorFiles.JSON.readTree(GrafanaSchemas.class.getClassLoader()
                .getResourceAsStream("grafana/dashboard.schema.json")).path("$comment").asString();
    }

    private static Schema load(String resource) {
        Schema schema = REGISTRY.getSchema(SchemaLocation.of("classpath:" + resource));
        // resolve every $ref now, so that a broken schema fails here rather than passing everything
        schema.initializeValidators();
        return schema;
    }

    private static List<String> messages(List<Error> errors) {
        return errors.stream().map(error -> error.getInstanceLocation() + ": " + error.getMessage()).toList();
    }
}
