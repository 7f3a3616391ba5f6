package cn.beijing.iip.registry.gateway.config;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
}
