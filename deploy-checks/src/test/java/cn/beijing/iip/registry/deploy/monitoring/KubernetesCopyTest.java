package cn.beijing.iip.registry.deploy.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Kustomize reads only files inside a kustomization's directory, so deploy/kubernetes/base keeps a
 * copy of the Prometheus config and rules; deploy/prometheus stays the one place they are edited.
 */
class KubernetesCopyTest {

    private static final Path COPY = OperatorFiles.root().resolve("deploy/kubernetes/base/prometheus");
    private static final String HOW_TO_FIX = "run deploy/prometheus/sync-kubernetes.sh";

    @Test
    void kubernetesCopyOfTheConfigMatchesItsSource() {
        assertThat(OperatorFiles.read(COPY.resolve("prometheus-kubernetes.yml"))).as(HOW_TO_FIX)
                .isEqualTo(OperatorFiles.read(OperatorFiles.prometheus().resolve("prometheus-kubernetes.yml")));
    }

    @Test
    void kubernetesCopyOfTheRulesMatchesItsSource() {
        List<Path> copies = OperatorFiles.yamlFiles(COPY.resolve("rules"));

        assertThat(copies).as(HOW_TO_FIX).extracting(Path::getFileName)
                .containsExactlyElementsOf(OperatorFiles.ruleFiles().stream().map(Path::getFileName).toList());
        for (Path rules : OperatorFiles.ruleFiles()) {
            assertThat(OperatorFiles.read(COPY.resolve("rules").resolve(rules.getFileName()))).as(HOW_TO_FIX)
                    .isEqualTo(OperatorFiles.read(rules));
        }
    }
}
