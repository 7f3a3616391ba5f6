package cn.beijing.iip.registry.taxonomy;

import java.util.Map;
import java.util.NoSuchElementException;

/** Every taxonomy of the registry, by name. */
public record Taxonomies(Map<String, Taxonomy> byName) {

    public static final String INDUSTRIES = "industries";
    public static final String REGIONS = "regions";
    public static final String PLATFORM_TYPES = "platform-types";
    public static final String SOLUTION_DOMAINS = "solution-domains";
    public static final String SECURITY_CATEGORIES = "security-categories";

    public static final String[] NAMES = {INDUSTRIES, REGIONS, PLATFORM_TYPES, SOLUTION_DOMAINS, SECURITY_CATEGORIES};

    public Taxonomies {
        byName = Map.copyOf(byName);
    }

    public Taxonomy get(String name) {
        Taxonomy taxonomy = byName.get(name);
        if (taxonomy == null) {
            throw new NoSuchElementException("no taxonomy named " + name);
        }
        return taxonomy;
    }
}
