package cn.beijing.iip.registry.system.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keycloak's own pages driven over HTTP as a browser would: it keeps the cookies Keycloak sets and posts
 * forms to their action. Cookies are kept by hand because Keycloak marks them Secure, which
 * {@link java.net.CookieManager} withholds from plain-HTTP localhost (browsers do send them there).
 */
public final class BrowserSession {

    private static final Pattern SET_COOKIE = Pattern.compile("^([^=;\\s]+)=([^;]*)");

    private final HttpClient http;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    BrowserSession(HttpClient http) {
        this.http = http;
    }

    public Page get(URI uri) {
        return send(HttpRequest.newBuilder(uri).GET(), uri);
    }

    /** Fills the form of that id on the page with these fields and posts it to the form's action. */
    public Page submit(Page page, String formId, Map<String, String> fields) {
        URI action = page.formAction(formId)
                .orElseThrow(() -> new IllegalStateException("no form " + formId + " on " + page.uri() + ":\n" + page.body()));
        return send(HttpRequest.newBuilder(action)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(KeycloakServer.formBody(fields))), action);
    }

    private Page send(HttpRequest.Builder request, URI uri) {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream()
                    .map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                    .collect(Collectors.joining("; ")));
        }
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            for (String header : response.headers().allValues("Set-Cookie")) {
                Matcher cookie = SET_COOKIE.matcher(header);
                if (cookie.find()) {
                    if (cookie.group(2).isEmpty() || header.toLowerCase().contains("max-age=0")) {
                        cookies.remove(cookie.group(1));
                    }
                    else {
                        cookies.put(cookie.group(1), cookie.group(2));
                    }
                }
            }
            return new Page(uri, response.statusCode(), response.body(),
                    response.headers().firstValue("Location").map(uri::resolve));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One answer: a page, or a redirect ({@code location}). */
    public record Page(URI uri, int status, String body, Optional<URI> location) {

        public boolean hasInput(String name) {
            return Pattern.compile("<input[^>]*\\bname=\"" + Pattern.quote(name) + "\"").matcher(body).find();
        }

        /** The message Keycloak shows beside a field it refused, if any. */
        public Optional<String> fieldError(String field) {
            Matcher error = Pattern.compile("id=\"input-error-" + Pattern.quote(field) + "\"[^>]*>(.*?)</div>",
                    Pattern.DOTALL).matcher(body);
            return error.find() ? Optional.of(text(error.group(1))) : Optional.empty();
        }

        Optional<URI> formAction(String formId) {
            Matcher form = Pattern.compile("<form[^>]*\\bid=\"" + Pattern.quote(formId) + "\"[^>]*>").matcher(body);
            if (!form.find()) {
                return Optional.empty();
            }
            Matcher action = Pattern.compile("\\baction=\"([^\"]*)\"").matcher(form.group());
            return action.find() ? Optional.of(uri.resolve(unescape(action.group(1)))) : Optional.empty();
        }

        /** A query parameter of the redirect target, such as the authorization {@code code}. */
        public Optional<String> redirectParameter(String name) {
            return location.map(URI::getRawQuery).stream()
                    .flatMap(query -> Arrays.stream(query.split("&")))
                    .filter(pair -> pair.startsWith(name + "="))
                    .map(pair -> URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8))
                    .findFirst();
        }

        private static String text(String html) {
            return unescape(html.replaceAll("<[^>]+>", " ")).replaceAll("\\s+", " ").trim();
        }

        private static String unescape(String html) {
            return html.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'")
                    .replace("&lt;", "<").replace("&gt;", ">");
        }
    }
}
