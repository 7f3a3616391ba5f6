package cn.beijing.iip.registry.platform;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The platform-registry service; its lifecycle, storage and security come from registry-core. */
@SpringBootApplication(scanBasePackages = "cn.beijing.iip.registry")
public class PlatformRegistryApplication {

    public static void main(String[] args) {
        SpringApplication.run(PlatformRegistryApplication.class, args);
    }
}
