package cn.beijing.iip.registry.core.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import com.nimbusds.jose.RemoteKeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The issuer's public keys, fetched on first use and kept: fetched again only for a token that names a
 * key id they lack (a key rotation), and kept as they are when that fetch fails. So tokens signed with
 * a known key keep working however long the identity provider is away, and a token naming an unknown
 * key cannot make the service forget the keys it has (Spring Security's own source drops its cache
 * before it fetches again, so one such token during an outage would lock every caller out).
 */
final class IssuerKeys implements JWKSource<SecurityContext> {

    // short, so a caller whose token needs a fetch hears back within the gateway's time limit
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(2);

    private final URI jwkSetUri;
    private final HttpClient http;
    private final ReentrantLock fetching = new ReentrantLock();
    private volatile JWKSet keys;

    IssuerKeys(String jwkSetUri) {
        this.jwkSetUri = URI.create(jwkSetUri);
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) throws RemoteKeySourceException {
        JWKSet known = keys;
        if (known != null) {
            List<JWK> matches = selector.select(known);
            if (!matches.isEmpty()) {
                return matches;
            }
        }
        fetching.lock();
        try {
            // another request may have fetched them while this one waited
            if (keys != known) {
                List<JWK> matches = selector.select(keys);
                if (!matches.isEmpty()) {
                    return matches;
                }
            }
            JWKSet fetched = fetch();
            keys = fetched;
            return selector.select(fetched);
        } finally {
            fetching.unlock();
        }
    }

    private JWKSet fetch() throws RemoteKeySourceException {
        HttpRequest request = HttpRequest.newBuilder(jwkSetUri)
                .timeout(FETCH_TIMEOUT)
                .header("Accept", "application/json, application/jwk-set+json")
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new RemoteKeySourceException("the JWK set at " + jwkSetUri + " answered " + response.statusCode(), null);
            }
            return JWKSet.parse(response.body());
        } catch (IOException e) {
            throw new RemoteKeySourceException("the JWK set at " + jwkSetUri + " cannot be fetched: " + e, e);
        } catch (ParseException e) {
            throw new RemoteKeySourceException("the JWK set at " + jwkSetUri + " is not a JWK set", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteKeySourceException("interrupted while fetching the JWK set at " + jwkSetUri, e);
        }
    }
}
