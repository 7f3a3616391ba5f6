package cn.beijing.iip.registry.core.entry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;
import org.springframework.util.MultiValueMap;

import cn.beijing.iip.registry.core.kind.CodeFilter;
import cn.beijing.iip.registry.core.kind.EntryFields;
import cn.beijing.iip.registry.core.kind.KindDefinition;
import cn.beijing.iip.registry.core.problem.ProblemException;
import cn.beijing.iip.registry.identity.CreditCode;
import cn.beijing.iip.registry.problem.ProblemType;
import cn.beijing.iip.registry.taxonomy.Taxonomies;

/** Checks the parameters of a list request; anything unknown or out of range is a 400 naming it. */
@Component
public class ListQueries {

    public static final int MAX_QUERY_LENGTH = 100;
    public static final int MAX_PAGE = 100_000;

    private final Taxonomies taxonomies;
    private final List<CodeFilter> filters;
    private final Set<String> known = new TreeSet<>();

    public ListQueries(Taxonomies taxonomies, KindDefinition<?> kind) {
        this.taxonomies = taxonomies;
        List<CodeFilter> all = new ArrayList<>(List.of(
                new CodeFilter("industry", EntryFields.INDUSTRIES, Taxonomies.INDUSTRIES),
                new CodeFilter("region", EntryFields.REGION, Taxonomies.REGIONS)));
        all.addAll(kind.filters());
        this.filters = List.copyOf(all);
        known.addAll(List.of("status", "q", "mine", "owner", "page", "size", "sort"));
        filters.forEach(filter -> known.add(filter.parameter()));
    }

    /** Every taxonomy filter a list takes: industry, region, then the kind's own. */
    public List<CodeFilter> filters() {
        return filters;
    }

    public ListQuery parse(MultiValueMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> parameter : parameters.entrySet()) {
            if (!known.contains(parameter.getKey())) {
                throw invalid("unknown parameter; known parameters: " + String.join(", ", known));
            }
            if (parameter.getValue().size() > 1) {
                throw invalid("give parameter '" + parameter.getKey() + "' once");
            }
        }
        Map<CodeFilter, String> codes = new LinkedHashMap<>();
        for (CodeFilter filter : filters) {
            String code = parameters.getFirst(filter.parameter());
            if (code != null) {
                if (!taxonomies.get(filter.taxonomy()).contains(code)) {
                    throw invalid("'" + filter.parameter() + "' must be a " + filter.taxonomy() + " code: "
                            + String.join(", ", taxonomies.get(filter.taxonomy()).codes()));
                }
                codes.put(filter, code);
            }
        }
        String q = parameters.getFirst("q");
        if (q != null) {
            q = q.strip();
            if (q.length() > MAX_QUERY_LENGTH) {
                throw invalid("'q' has at most " + MAX_QUERY_LENGTH + " characters");
            }
            // names never hold control characters, and a NUL cannot even be sent to the store in a pattern
            if (q.chars().anyMatch(Character::isISOControl)) {
                throw invalid("'q' must not contain control characters");
            }
            if (q.isEmpty()) {
                q = null;
            }
        }
        boolean mine = bool("mine", parameters.getFirst("mine"));
        String owner = owner(parameters.getFirst("owner"));
        if (mine && owner != null) {
            throw invalid("give mine=true or owner, not both");
        }
        return new ListQuery(status(parameters.getFirst("status")), codes, q, mine, owner,
                number("page", parameters.getFirst("page"), 0, 0, MAX_PAGE),
                number("size", parameters.getFirst("size"), ListQuery.DEFAULT_SIZE, 1, ListQuery.MAX_SIZE),
                order(parameters.getFirst("sort")));
    }

    private static EntryStatus status(String value) {
        if (value == null) {
            return null;
        }
        return Arrays.stream(EntryStatus.values()).filter(status -> status.name().equals(value)).findFirst()
                .orElseThrow(() -> invalid("'status' must be one of " + Arrays.stream(EntryStatus.values())
                        .map(Enum::name).collect(Collectors.joining(", "))));
    }

    /** An enterprise's credit code, checked with its check character like every credit code. */
    private static String owner(String value) {
        if (value == null) {
            return null;
        }
        CreditCode.problem(value).ifPresent(problem -> {
            throw ProblemException.of(ProblemType.INVALID_CREDIT_CODE, "'owner' must be a credit code: " + problem);
        });
        return value;
    }

    private static boolean bool(String name, String value) {
        if (value == null || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw invalid("'" + name + "' must be true or false");
    }

    private static int number(String name, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid("'" + name + "' must be a whole number from " + min + " to " + max);
    }

    private static ListQuery.Order order(String value) {
        if (value == null) {
            return ListQuery.Order.UPDATED;
        }
        return Arrays.stream(ListQuery.Order.values())
                .filter(order -> order.name().toLowerCase(Locale.ROOT).equals(value)).findFirst()
                .orElseThrow(() -> invalid("'sort' must be one of updated, name, submitted"));
    }

    private static ProblemException invalid(String detail) {
        return ProblemException.of(ProblemType.INVALID_PARAMETER, detail);
    }
}
