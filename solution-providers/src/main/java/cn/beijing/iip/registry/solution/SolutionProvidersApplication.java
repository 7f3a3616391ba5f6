package cn.beijing.iip.registry.solution;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The solution-providers service; its lifecycle, storage and security come from registry-core. */
@SpringBootApplication(scanBasePackages = "cn.beijing.iip.registry")
public class SolutionProvidersApplication {

    public static void main(String[] args) {
        SpringApplication.run(SolutionProvidersApplication.class, args);
    }
}
