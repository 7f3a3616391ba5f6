package cn.beijing.iip.registry.deploy.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Just enough of a PromQL reader to find the series selectors of an expression: metric names
 * with their label matchers. Function, aggregation and keyword names, label lists of
 * {@code by}/{@code on}/..., durations, numbers, strings and Grafana variables are skipped.
 */
final class PromQl {

    record Matcher(String label, String operator, String value) {
    }

    record Selector(String metric, List<Matcher> matchers) {
    }

    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar",
            "count", "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf",
            "nan");

    private enum Kind { NAME, STRING, NUMBER, VARIABLE, SYMBOL }

    private record Token(Kind kind, String text) {
    }

    private PromQl() {
    }

    static List<Selector> selectors(String expression) {
        List<Token> tokens = tokens(expression);
        List<Selector> selectors = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            Token token = tokens.get(i);
            if (token.kind() == Kind.SYMBOL && token.text().equals("[")) {
                i = skipPast(tokens, i, "[", "]");
            } else if (token.kind() == Kind.SYMBOL && token.text().equals("{")) {
                // a selector without a metric name, e.g. {__name__="up"}
                List<Matcher> matchers = new ArrayList<>();
                i = matchers(tokens, i, matchers, expression);
                String name = matchers.stream().filter(m -> m.label().equals("__name__") && m.operator().equals("="))
                        .map(Matcher::value).findFirst().orElse("");
                selectors.add(new Selector(name, matchers));
            } else if (token.kind() == Kind.NAME) {
                String name = token.text();
                boolean call = i + 1 < tokens.size() && tokens.get(i + 1).text().equals("(");
                if (LABEL_LIST_KEYWORDS.contains(name)) {
                    i = call ? skipPast(tokens, i + 1, "(", ")") : i + 1;
                } else if (call || AGGREGATIONS.contains(name) || KEYWORDS.contains(name)) {
                    i++;
                } else {
                    List<Matcher> matchers = new ArrayList<>();
                    i++;
                    if (i < tokens.size() && tokens.get(i).text().equals("{")) {
                        i = matchers(tokens, i, matchers, expression);
                    }
                    selectors.add(new Selector(name, matchers));
                }
            } else {
                i++;
            }
        }
        return selectors;
    }

    private static int matchers(List<Token> tokens, int open, List<Matcher> into, String expression) {
        int i = open + 1;
        while (i < tokens.size() && !tokens.get(i).text().equals("}")) {
            if (tokens.get(i).text().equals(",")) {
                i++;
                continue;
            }
            if (i + 2 >= tokens.size() || tokens.get(i).kind() != Kind.NAME || tokens.get(i + 2).kind() != Kind.STRING) {
                throw new IllegalArgumentException("cannot read the label matchers of: " + expression);
            }
            into.add(new Matcher(tokens.get(i).text(), tokens.get(i + 1).text(), tokens.get(i + 2).text()));
            i += 3;
        }
        if (i >= tokens.size()) {
            throw new IllegalArgumentException("unclosed { in: " + expression);
        }
        return i + 1;
    }

    private static int skipPast(List<Token> tokens, int open, String opening, String closing) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            String text = tokens.get(i).text();
            if (tokens.get(i).kind() == Kind.SYMBOL && text.equals(opening)) {
                depth++;
            } else if (tokens.get(i).kind() == Kind.SYMBOL && text.equals(closing) && --depth == 0) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("unclosed " + opening);
    }

    private static List<Token> tokens(String expression) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = expression.length();
        while (i < n) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#') {
                while (i < n && expression.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '"' || c == '\'' || c == '`') {
                StringBuilder value = new StringBuilder();
                int j = i + 1;
                while (j < n && expression.charAt(j) != c) {
                    if (expression.charAt(j) == '\\' && c != '`' && j + 1 < n) {
                        j++;
                    }
                    value.append(expression.charAt(j++));
                }
                if (j >= n) {
                    throw new IllegalArgumentException("unclosed string in: " + expression);
                }
                tokens.add(new Token(Kind.STRING, value.toString()));
                i = j + 1;
            } else if (c == '$') {
                int j = i + 1;
                if (j < n && expression.charAt(j) == '{') {
                    j = expression.indexOf('}', j) + 1;
                } else {
                    while (j < n && (Character.isLetterOrDigit(expression.charAt(j)) || expression.charAt(j) == '_')) {
                        j++;
                    }
                }
                tokens.add(new Token(Kind.VARIABLE, expression.substring(i, j)));
                i = j;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(expression.charAt(i + 1)))) {
                int j = i;
                // numbers, 1e9, 0x1f and durations such as 5m or 1h30m
                while (j < n && (Character.isLetterOrDigit(expression.charAt(j)) || expression.charAt(j) == '.'
                        || ((expression.charAt(j) == '+' || expression.charAt(j) == '-')
                                && (expression.charAt(j - 1) == 'e' || expression.charAt(j - 1) == 'E')))) {
                    j++;
                }
                tokens.add(new Token(Kind.NUMBER, expression.substring(i, j)));
                i = j;
            } else if (Character.isLetter(c) || c == '_' || c == ':') {
                int j = i;
                while (j < n && (Character.isLetterOrDigit(expression.charAt(j)) || expression.charAt(j) == '_'
                        || expression.charAt(j) == ':')) {
                    j++;
                }
                tokens.add(new Token(Kind.NAME, expression.substring(i, j)));
                i = j;
            } else {
                String two = i + 1 < n ? expression.substring(i, i + 2) : "";
                if (Set.of("=~", "!~", "!=", "==", ">=", "<=").contains(two)) {
                    tokens.add(new Token(Kind.SYMBOL, two));
                    i += 2;
                } else {
                    tokens.add(new Token(Kind.SYMBOL, String.valueOf(c)));
                    i++;
                }
            }
        }
        return tokens;
    }
}
