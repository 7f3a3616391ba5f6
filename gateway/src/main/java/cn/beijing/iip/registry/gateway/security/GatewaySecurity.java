package cn.beijing.iip.registry.gateway.security;

import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import cn.beijing.iip.registry.gateway.config.GatewayProperties;
import cn.beijing.iip.registry.gateway.web.Problems;
import cn.beijing.iip.registry.gateway.web.RequestIdWebFilter;
import cn.beijing.iip.registry.identity.Issuer;
import cn.beijing.iip.registry.identity.TokenRefusals;
import cn.beijing.iip.registry.identity.VerifiedTokens;
import cn.beijing.iip.registry.problem.ProblemType;
import cn.beijing.iip.registry.web.RequestIds;
import reactor.core.publisher.Mono;

/**
 * The gateway checks every bearer token (signature, issuer, audience, lifetime) before a request
 * reaches a service; reads are open to anonymous callers, changes need a valid token. Which role may
 * do what is the services' decision (they check the token again). A token whose key cannot be fetched
 * is answered 503 identity-unavailable, never a 500.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuth2ResourceServerProperties.class)
public class GatewaySecurity {

    /** The methods the firewall lets through; the API uses five of them. */
    private static final Set<HttpMethod> STANDARD_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.POST,
            HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.OPTIONS, HttpMethod.PATCH);

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
            + " script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    static final String IDENTITY_UNAVAILABLE = "the bearer token could not be checked: the identity provider's keys"
            + " cannot be fetched now; try again shortly";

    private static final Logger log = LoggerFactory.getLogger(GatewaySecurity.class);

    @Bean
    SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, GatewayProperties properties) {
        http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                .cors(ServerHttpSecurity.CorsSpec::disable)
                .addFilterAt(new CorsProblems(cors(properties)), SecurityWebFiltersOrder.CORS)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(
                                ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN)))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.OPTIONS).permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/**").permitAll()
                        .pathMatchers(HttpMethod.HEAD, "/api/**").permitAll()
                        .pathMatchers("/api/**").authenticated()
                        .anyExchange().permitAll())
                .oauth2ResourceServer(server -> server
                        .bearerTokenConverter(new BearerTokens())
                        .jwt(jwt -> { })
                        .authenticationEntryPoint(GatewaySecurity::unauthorized)
                        .authenticationFailureHandler((filterExchange, failure) -> refused(filterExchange.getExchange(), failure))
                        .accessDeniedHandler((exchange, denied) -> Problems.write(exchange, ProblemType.FORBIDDEN,
                                "this call is not allowed for this account")))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(GatewaySecurity::unauthorized));
        return http.build();
    }

    /**
     * Spring Security's firewall refuses some requests before any route is chosen: a method the API
     * does not define (TRACE, PROPFIND …), or an address with encoded or repeated slashes, dot segments,
     * semicolons or control characters, which servers behind could read differently. The refusal is a
     * problem+json like every other, not an empty 400.
     */
    @Bean
    ServerExchangeRejectedHandler problemForRefusedRequests() {
        return (exchange, rejected) -> STANDARD_METHODS.contains(exchange.getRequest().getMethod())
                ? Problems.write(exchange, ProblemType.INVALID_PARAMETER, "the address is not accepted: it holds encoded"
                        + " or repeated slashes, dot segments, semicolons or characters an address may not have")
                : Problems.write(exchange, ProblemType.METHOD_NOT_ALLOWED, exchange.getRequest().getMethod()
                        + " is not allowed here");
    }

    /**
     * No timers around Spring Security's own steps: they timed each security filter, the authentication
     * and the authorization of every call (five timers and their gauges of active calls per request) for
     * metrics nothing reads. Each call is still timed as a whole ({@code http.server.requests},
     * {@code spring.cloud.gateway.requests}).
     */
    @Bean
    static SecurityObservationSettings securityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's strict firewall, its character rules applied once per request ({@link OnePassFirewall}). */
    @Bean
    ServerWebExchangeFirewall firewall() {
        return new OnePassFirewall();
    }

    /**
     * Keys from the issuer's JWK set (inside the network when {@code jwk-set-uri} is set apart from
     * the public issuer), kept until a token names an unknown key id, so tokens keep working while
     * the identity provider is briefly away. A token that passed is not checked again until it
     * expires ({@link CachingJwtDecoder}).
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(OAuth2ResourceServerProperties properties) {
        OAuth2ResourceServerProperties.Jwt jwt = properties.getJwt();
        Issuer issuer = Issuer.of(jwt.getIssuerUri(), jwt.getJwkSetUri(), jwt.getAudiences());
        NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withJwkSetUri(issuer.jwkSetUri())
                .jwsAlgorithms(algorithms -> jwt.getJwsAlgorithms().forEach(name -> algorithms.add(SignatureAlgorithm.from(name))))
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer.uri()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, issuer::accepts)));
        // the decoder reports keys it cannot fetch as an IllegalStateException, which would pass the
        // authentication failure handling by and end as a 500; as a JwtException it is a failed token check
        ReactiveJwtDecoder checks = token -> decoder.decode(token).onErrorMap(error -> !(error instanceof JwtException),
                error -> new JwtException("the keys to check the token cannot be fetched", error));
        return new CachingJwtDecoder(checks, new VerifiedTokens<>());
    }

    private static UrlBasedCorsConfigurationSource cors(GatewayProperties properties) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!properties.corsOrigins().isEmpty()) {
            CorsConfiguration api = new CorsConfiguration();
            api.setAllowedOrigins(properties.corsOrigins());
            api.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "DELETE"));
            api.setAllowedHeaders(List.of("Authorization", "Content-Type", "If-Match", "Idempotency-Key", RequestIds.HEADER));
            api.setExposedHeaders(List.of("ETag", "Location", "Retry-After", RequestIds.HEADER, "Idempotent-Replayed",
                    "X-RateLimit-Remaining"));
            api.setMaxAge(3600L);
            source.registerCorsConfiguration("/api/**", api);
        }
        return source;
    }

    /**
     * A token that could not be checked at all, because its key cannot be fetched from the identity
     * provider, is a 503 with Retry-After: the token may well be good, and logging in again would not
     * help while the identity provider is away. Every other refused token is a 401.
     */
    private static Mono<Void> refused(ServerWebExchange exchange, AuthenticationException failure) {
        if (failure instanceof AuthenticationServiceException) {
            RequestIdWebFilter.logging(exchange, () -> log.warn("bearer token not checked, the identity provider's keys"
                    + " cannot be fetched: {}", failure.getMessage()));
            return Problems.write(exchange, ProblemType.IDENTITY_UNAVAILABLE, IDENTITY_UNAVAILABLE);
        }
        return unauthorized(exchange, failure);
    }

    /** 401 with RFC 6750's {@code WWW-Authenticate} and a problem+json body. */
    private static Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException failure) {
        String detail = describe(failure);
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, failure instanceof InvalidBearerTokenException
                ? "Bearer error=\"invalid_token\", error_description=\"" + detail + "\"" : "Bearer");
        return Problems.write(exchange, ProblemType.UNAUTHORIZED, detail);
    }

    /** Why a token was refused, without library messages or internal addresses. */
    static String describe(Exception failure) {
        return failure instanceof InvalidBearerTokenException ? TokenRefusals.invalid(failure.getMessage())
                : TokenRefusals.NO_TOKEN;
    }
}
