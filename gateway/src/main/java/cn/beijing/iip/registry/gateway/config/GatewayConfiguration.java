package cn.beijing.iip.registry.gateway.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.discovery.ReactiveDiscoveryClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import cn.beijing.iip.registry.plan.EntryKind;
import cn.beijing.iip.registry.plan.Plan;
import cn.beijing.iip.registry.seeds.Seeds;
import cn.beijing.iip.registry.taxonomy.Taxonomies;
import reactor.core.publisher.Flux;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(GatewayProperties.class)
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
     * The services' instances as configured: routes to {@code lb://<kind>} balance across them. In
     * Kubernetes each list is one Service URL and the cluster balances; locally it can be several.
     * The load balancer asks on every call, so each list is parsed once and then handed out as it is.
     */
    @Bean
    ReactiveDiscoveryClient configuredServices(GatewayProperties properties) {
        Map<String, List<ServiceInstance>> parsed = new ConcurrentHashMap<>();
        return new ReactiveDiscoveryClient() {
            @Override
            public String description() {
                return "services from iip.gateway.services";
            }

            @Override
            public Flux<ServiceInstance> getInstances(String serviceId) {
                if (EntryKind.fromCode(serviceId).isEmpty()) {
                    return Flux.empty();
                }
                return Flux.fromIterable(parsed.computeIfAbsent(serviceId, id -> instances(id, properties.urls(id))));
            }

            @Override
            public Flux<String> getServices() {
                return Flux.fromArray(EntryKind.values()).map(EntryKind::code);
            }
        };
    }

    private static List<ServiceInstance> instances(String serviceId, List<String> urls) {
        List<ServiceInstance> instances = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            URI uri = URI.create(urls.get(i));
            instances.add(new DefaultServiceInstance(serviceId + "-" + i, serviceId, uri.getHost(), uri.getPort(),
                    "https".equals(uri.getScheme())));
        }
        return List.copyOf(instances);
    }
}
