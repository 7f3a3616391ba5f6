package cn.beijing.iip.registry.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ProblemTypeTest {

    @Test
    void givesEveryTypeAStableUrnAndAnErrorStatus() {
        assertThat(ProblemType.NOT_FOUND.uri()).hasToString("urn:iip-registry:problem:not-found");
        assertThat(ProblemType.values()).allSatisfy(type -> assertThat(type.status()).isBetween(400, 599));
        assertThat(Arrays.stream(ProblemType.values()).map(ProblemType::slug).distinct()).hasSize(ProblemType.values().length);
    }

    @Test
    void namesTheTypeOfAStatusRaisedBeforeTheRegistrysOwnCode() {
        assertThat(ProblemType.forStatus(404)).isEqualTo(ProblemType.NOT_FOUND);
        assertThat(ProblemType.forStatus(413)).isEqualTo(ProblemType.PAYLOAD_TOO_LARGE);
        assertThat(ProblemType.forStatus(429)).isEqualTo(ProblemType.RATE_LIMITED);
        assertThat(ProblemType.forStatus(504)).isEqualTo(ProblemType.SERVICE_UNAVAILABLE);
        assertThat(ProblemType.forStatus(500)).isEqualTo(ProblemType.INTERNAL);
        assertThat(ProblemType.forStatus(418)).isEqualTo(ProblemType.INTERNAL);
    }
}
