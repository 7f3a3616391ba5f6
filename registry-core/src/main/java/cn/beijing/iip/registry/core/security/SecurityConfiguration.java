package cn.beijing.iip.registry.core.security;

import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;

import cn.beijing.iip.registry.core.problem.ProblemWriter;
import cn.beijing.iip.registry.identity.Issuer;
import cn.beijing.iip.registry.identity.Roles;
import cn.beijing.iip.registry.identity.VerifiedTokens;
import cn.beijing.iip.registry.progress.KindFigures;
import jakarta.servlet.DispatcherType;

/**
 * Each service is an OAuth2 resource server: tokens are checked for signature (keys from the issuer's
 * JWK set, kept until an unknown key id appears and through a failed fetch: {@link IssuerKeys}), issuer,
 * audience and lifetime. A token whose key cannot be fetched is answered 503 identity-unavailable, never a 500.
 * A token that passed is not checked again until it expires ({@link CachingJwtDecoder}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuth2ResourceServerProperties.class)
public class SecurityConfiguration {

    @Bean
    SecurityFilterChain registryApi(HttpSecurity http, ProblemWriter writer) throws Exception {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(writer);
        ProblemAccessDeniedHandler deniedHandler = new ProblemAccessDeniedHandler(writer);
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(new RealmRoles());

        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> {
                    requests.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD).permitAll();
                    for (Operation operation : Operation.values()) {
                        requests.requestMatchers(operation.matcher()).hasRole(operation.role());
                    }
                    requests.requestMatchers(HttpMethod.GET, "/api/**").permitAll()
                            .requestMatchers(HttpMethod.HEAD, "/api/**").permitAll()
                            .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info",
                                    "/actuator/prometheus", KindFigures.PATH, "/v3/api-docs", "/v3/api-docs/**",
                                    "/swagger-ui.html", "/swagger-ui/**", "/error").permitAll()
                            .anyRequest().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler)
                        // Spring Security rethrows a token it could not check, which would end as a 500
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(new TokenCheckFailureHandler(entryPoint, writer));
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(deniedHandler));
        return http.build();
    }

    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix().role(Roles.ADMIN).implies(Roles.REVIEWER).build();
    }

    /**
     * Keys come from {@code jwk-set-uri} (Keycloak's certs endpoint under the issuer unless set apart,
     * as in Kubernetes where the issuer is public and the keys are fetched inside the cluster).
     */
    @Bean
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties properties) {
        OAuth2ResourceServerProperties.Jwt jwt = properties.getJwt();
        Issuer issuer = Issuer.of(jwt.getIssuerUri(), jwt.getJwkSetUri(), jwt.getAudiences());
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(new IssuerKeys(issuer.jwkSetUri()))
                .jwsAlgorithms(algorithms -> jwt.getJwsAlgorithms().forEach(name -> algorithms.add(SignatureAlgorithm.from(name))))
                .build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer.uri()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, issuer::accepts)));
        return new CachingJwtDecoder(decoder, new VerifiedTokens<>());
    }
}
