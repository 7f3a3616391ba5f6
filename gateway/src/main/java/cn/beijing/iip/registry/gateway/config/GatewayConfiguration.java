package cn.beijing.iip.registry.gateway.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import cn.beijing.iip.registry.gateway.routing.ConfiguredReplicas;
import cn.beijing.iip.registry.plan.Plan;
import cn.beijing.iip.registry.seeds.Seeds;
import cn.beijing.iip.registry.taxonomy.Taxonomies;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(GatewayProperties.class)
@LoadBalancerClients(defaultConfiguration = ConfiguredReplicas.class)
public class GatewayConfiguration {

    @Bean
    Seeds seeds(GatewayProperties properties) {
        return Seeds.at(properties.seeds());
    }

    @Bean
    Plan plan(Seeds seeds) {
        return seeds.plan();
    }

    @Bean
    Taxonomies taxonomies(Seeds seeds) {
        return seeds.taxonomies();
    }

    /**
     * The time limit of every call to a service: the connection's read timeout while an answer is
     * awaited or read, so a service that hangs before its answer or stalls inside it is cut after
     * {@code iip.gateway.service-timeout} of silence. Checked by the connection's own event loop rather
     * than by a timer on Reactor's shared scheduler for each call.
     */
    @Bean
    HttpClientCustomizer serviceTimeout(GatewayProperties properties) {
        return client -> client.responseTimeout(properties.serviceTimeout());
    }
}
