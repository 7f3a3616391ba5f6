package cn.beijing.iip.registry.gateway.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

import cn.beijing.iip.registry.gateway.config.GatewayProperties;
import reactor.core.publisher.Flux;

/**
 * The replicas of one service, as configured in {@code iip.gateway.services}: routes to
 * {@code lb://<kind>} go round them in turn. In Kubernetes each list is one Service URL and the cluster
 * balances; locally it can be several. The list is read once and handed to the load balancer as it is
 * on every call, without the discovery client's lookup and time limit per call.
 * <p>
 * Spring Cloud LoadBalancer builds this in each service's own context
 * ({@code @LoadBalancerClients(defaultConfiguration = …)}), so it is not a {@code @Configuration}.
 */
public class ConfiguredReplicas {

    @Bean
    ServiceInstanceListSupplier replicas(Environment environment, GatewayProperties properties) {
        String serviceId = LoadBalancerClientFactory.getName(environment);
        Flux<List<ServiceInstance>> replicas = Flux.just(instances(serviceId, properties.urls(serviceId)));
        return new ServiceInstanceListSupplier() {
            @Override
            public String getServiceId() {
                return serviceId;
            }

            @Override
            public Flux<List<ServiceInstance>> get() {
                return replicas;
            }
        };
    }

    static List<ServiceInstance> instances(String serviceId, List<String> urls) {
        List<ServiceInstance> instances = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            URI uri = URI.create(urls.get(i));
            instances.add(new DefaultServiceInstance(serviceId + "-" + i, serviceId, uri.getHost(), uri.getPort(),
                    "https".equals(uri.getScheme())));
        }
        return List.copyOf(instances);
    }
}
