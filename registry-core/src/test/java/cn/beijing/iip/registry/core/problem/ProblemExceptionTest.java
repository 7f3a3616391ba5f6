package cn.beijing.iip.registry.core.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import cn.beijing.iip.registry.problem.ProblemType;

class ProblemExceptionTest {

    @ParameterizedTest
    @ValueSource(strings = {"type", "title", "status", "detail", "instance"})
    void refusesExtensionsThatWouldRepeatAStandardMember(String member) {
        ProblemException problem = ProblemException.of(ProblemType.ILLEGAL_TRANSITION, "cannot");

        assertThatIllegalArgumentException().isThrownBy(() -> problem.with(member, "DRAFT"));
    }

    @Test
    void carriesItsExtensionsAndNamesItsTypeInItsMessage() {
        ProblemException problem = ProblemException.of(ProblemType.PRECONDITION_FAILED, "stale")
                .with("currentVersion", 3L).with("currentStatus", "DRAFT");

        assertThat(problem.properties()).containsEntry("currentVersion", 3L).containsEntry("currentStatus", "DRAFT");
        assertThat(problem.getMessage()).isEqualTo("precondition-failed: stale");
    }

    @Test
    void buildsTheProblemBodyWithTheTypesUriTitleAndStatus() {
        var detail = Problems.detail(ProblemType.STORE_UNAVAILABLE, "the store is away", java.util.Map.of("retry", 5));

        assertThat(detail.getType()).hasToString("urn:iip-registry:problem:store-unavailable");
        assertThat(detail.getStatus()).isEqualTo(503);
        assertThat(detail.getTitle()).isEqualTo("Store unavailable");
        assertThat(detail.getProperties()).containsEntry("retry", 5);
    }
}
