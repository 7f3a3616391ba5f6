package cn.beijing.iip.registry.deploy.platform;

import java.util.List;

/** The four apps: module names, image names, Kubernetes names and Prometheus job names at once. */
final class Apps {

    static final String GATEWAY = "gateway";
    static final List<String> SERVICES = List.of("platform-registry", "solution-providers", "security-products");
    static final List<String> ALL = List.of(GATEWAY, "platform-registry", "solution-providers", "security-products");

    /** The contract's ports of the local run, which the compose file keeps. */
    static int port(String app) {
        return switch (app) {
            case GATEWAY -> 8080;
            case "platform-registry" -> 8081;
            case "solution-providers" -> 8082;
            case "security-products" -> 8083;
            default -> throw new IllegalArgumentException("not an app: " + app);
        };
    }

    private Apps() {
    }
}
