package cn.beijing.iip.registry.taxonomy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** A closed list of lower-case kebab codes (industries, regions, ...) read from {@code seeds/taxonomies/}. */
public record Taxonomy(String name, List<Term> terms) {

    private static final Pattern CODE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    public Taxonomy {
        terms = List.copyOf(terms);
        Map<String, Term> seen = new LinkedHashMap<>();
        for (Term term : terms) {
            if (!CODE.matcher(term.code()).matches()) {
                throw new IllegalArgumentException(name + ": '" + term.code() + "' is not a lower-case kebab code");
            }
            if (seen.put(term.code(), term) != null) {
                throw new IllegalArgumentException(name + ": '" + term.code() + "' appears twice");
            }
        }
    }

    public boolean contains(String code) {
        return terms.stream().anyMatch(term -> term.code().equals(code));
    }

    public List<String> codes() {
        return terms.stream().map(Term::code).toList();
    }
}
