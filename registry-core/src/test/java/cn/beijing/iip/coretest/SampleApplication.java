package cn.beijing.iip.coretest;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import cn.beijing.iip.registry.core.kind.KindDefinition;
import cn.beijing.iip.registry.plan.EntryKind;

/** A registry service of {@link Sample} entries, standing in for the platforms service. */
@SpringBootApplication(scanBasePackages = "cn.beijing.iip.registry.core")
@Import(ThreadProbe.class)
public class SampleApplication {

    @Bean
    KindDefinition<Sample> sampleKind() {
        return new KindDefinition<>() {
            @Override
            public EntryKind kind() {
                return EntryKind.PLATFORMS;
            }

            @Override
            public Class<Sample> fieldsType() {
                return Sample.class;
            }
        };
    }
}
