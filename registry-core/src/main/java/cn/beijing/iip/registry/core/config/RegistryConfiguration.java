package cn.beijing.iip.registry.core.config;

import java.time.Clock;

import org.apache.catalina.core.StandardHost;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.MeterRegistryCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import cn.beijing.iip.registry.core.entry.EntryController;
import cn.beijing.iip.registry.core.kind.KindDefinition;
import cn.beijing.iip.registry.core.web.ProblemReportValve;
import cn.beijing.iip.registry.metrics.MetricNames;
import cn.beijing.iip.registry.plan.Plan;
import cn.beijing.iip.registry.seeds.Seeds;
import cn.beijing.iip.registry.taxonomy.Taxonomies;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Wires a registry service: seeds, clock, the entry API under {@code /api/<kind>}, scheduling, the
 * application tag of its metrics and problem+json for the servlet container's own refusals.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(RegistryProperties.class)
public class RegistryConfiguration implements WebMvcConfigurer {

    private final KindDefinition<?> kind;

    public RegistryConfiguration(KindDefinition<?> kind) {
        this.kind = kind;
    }

    @Bean
    Seeds seeds(RegistryProperties properties) {
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

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Tags every metric {@code application=<app name>}: {@code spring.application.name}, or else the
     * application that owns the kind, so that an unnamed service never reports a placeholder.
     */
    @Bean
    MeterRegistryCustomizer<MeterRegistry> applicationTag(Environment environment) {
        String application = environment.getProperty("spring.application.name", kind.kind().application());
        return registry -> registry.config().commonTags(MetricNames.TAG_APPLICATION, application);
    }

    /** Tomcat's own refusals as problem+json too ({@link ProblemReportValve}). */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
        });
    }

    @Override
    public void configurePathMatch(PathMatchConfigurer configurer) {
        configurer.addPathPrefix(kind.kind().path(), type -> type == EntryController.class);
    }
}
