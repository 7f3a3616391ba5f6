package cn.beijing.iip.registry.core.openapi;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springdoc.core.customizers.OpenApiCustomizer;

import cn.beijing.iip.registry.core.kind.KindDefinition;
import cn.beijing.iip.registry.plan.Plan;
import cn.beijing.iip.registry.plan.Target;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The document as a whole: what the service is for (the plan and its targets), the kind's schemas,
 * the bearer-token scheme, and no traces of the raw-bytes signatures springdoc saw.
 */
final class RegistryOpenApi implements OpenApiCustomizer {

    /** What springdoc inferred from the controller's signatures; the kind's own schemas replace them. */
    private static final List<String> INFERRED = List.of("EntryPage", "MultiValueMapStringString", "ProblemDetail");

    private final KindDefinition<?> kind;
    private final Plan plan;
    private final EntryComponents components;

    RegistryOpenApi(KindDefinition<?> kind, Plan plan, EntryComponents components) {
        this.kind = kind;
        this.plan = plan;
        this.components = components;
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.info(new Info()
                .title("IIP Registry: " + kind.kind().code())
                .version("1")
                .description(description()));
        openApi.tags(new ArrayList<>(List.of(new Tag().name(kind.kind().code()).description("The " + kind.kind().code()
                + " registered under the plan, and their review"))));
        Components schemas = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        INFERRED.forEach(name -> {
            if (schemas.getSchemas() != null) {
                schemas.getSchemas().remove(name);
            }
        });
        components.schemas().forEach(schemas::addSchemas);
        schemas.addSecuritySchemes(EntryOperations.BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT")
                .description("An access token of Keycloak realm iip (audience iip-api). Realm roles ENTERPRISE,"
                        + " REVIEWER and ADMIN decide what a caller may do; an enterprise user's token carries the"
                        + " claims creditCode and enterpriseName."));
        openApi.components(schemas);
        openApi.paths(publicPaths(openApi.getPaths()));
    }

    /** Without the error page and without the trailing-slash twin of the list path. */
    private static Paths publicPaths(Paths paths) {
        Paths kept = new Paths();
        if (paths == null) {
            return kept;
        }
        paths.forEach((path, item) -> {
            boolean twin = path.length() > 1 && path.endsWith("/") && paths.containsKey(path.substring(0, path.length() - 1));
            if (!twin && !path.equals("/error")) {
                kept.addPathItem(path, item);
            }
        });
        return kept;
    }

    private String description() {
        NumberFormat number = NumberFormat.getIntegerInstance(Locale.ROOT);
        number.setGroupingUsed(true);
        List<String> lines = new ArrayList<>();
        lines.add("Register and review " + kind.kind().code() + " for the " + plan.title() + " (" + plan.titleZh()
                + "). Approved entries count towards the plan's targets, due " + plan.deadline() + ":");
        lines.add("");
        for (Target target : plan.counting(kind.kind())) {
            lines.add("- " + target.title() + " (" + target.titleZh() + "): " + number.format(target.goal()) + " "
                    + target.unit());
        }
        lines.add("");
        lines.add("An enterprise registers a draft, completes it and submits it; a reviewer approves it, rejects it or"
                + " asks for changes. Reads are open; writes need a bearer token. Every error is"
                + " application/problem+json (RFC 9457) with a stable `type`; bodies over 1 MiB are refused with"
                + " 413. The same paths answer at the gateway.");
        return String.join("\n", lines);
    }
}
