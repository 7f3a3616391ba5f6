package cn.beijing.iip.registry.security;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The security-products service; its lifecycle, storage and security come from registry-core. */
@SpringBootApplication(scanBasePackages = "cn.beijing.iip.registry")
public class SecurityProductsApplication {

    public static void main(String[] args) {
        SpringApplication.run(SecurityProductsApplication.class, args);
    }
}
