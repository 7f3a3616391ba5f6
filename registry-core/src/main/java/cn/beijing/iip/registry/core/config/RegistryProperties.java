package cn.beijing.iip.registry.core.config;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The registry's own settings ({@code iip.*}).
 *
 * @param seeds   where the seed files are: {@code classpath:seeds/} (packaged) or a directory
 * @param figures how often figures are counted from the database
 * @param demo    what to do with demo entries at start
 */
@ConfigurationProperties("iip")
public record RegistryProperties(@DefaultValue("classpath:seeds/") String seeds,
        @DefaultValue("5s") Duration figures, @DefaultValue("off") DemoMode demo) {

    /** Demo data: left alone, loaded from seeds/demo (idempotently), or removed. */
    public enum DemoMode {
        OFF, LOAD, REMOVE
    }
}
