package cn.beijing.iip.registry.core.entry;

import static cn.beijing.iip.registry.core.entry.EntryStatus.APPROVED;
import static cn.beijing.iip.registry.core.entry.EntryStatus.CHANGES_REQUESTED;
import static cn.beijing.iip.registry.core.entry.EntryStatus.DRAFT;
import static cn.beijing.iip.registry.core.entry.EntryStatus.REJECTED;
import static cn.beijing.iip.registry.core.entry.EntryStatus.REVOKED;
import static cn.beijing.iip.registry.core.entry.EntryStatus.SUBMITTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The state machine of the contract, written out independently of the enum that implements it. */
class TransitionTest {

    private static final Map<Transition, Set<EntryStatus>> FROM = Map.of(
            Transition.SUBMIT, EnumSet.of(DRAFT, CHANGES_REQUESTED, REJECTED),
            Transition.WITHDRAW, EnumSet.of(SUBMITTED),
            Transition.APPROVE, EnumSet.of(SUBMITTED),
            Transition.REJECT, EnumSet.of(SUBMITTED),
            Transition.REQUEST_CHANGES, EnumSet.of(SUBMITTED),
            Transition.REVOKE, EnumSet.of(APPROVED),
            Transition.REOPEN, EnumSet.of(REVOKED));

    private static final Map<Transition, EntryStatus> TO = Map.of(
            Transition.SUBMIT, SUBMITTED,
            Transition.WITHDRAW, DRAFT,
            Transition.APPROVE, APPROVED,
            Transition.REJECT, REJECTED,
            Transition.REQUEST_CHANGES, CHANGES_REQUESTED,
            Transition.REVOKE, REVOKED,
            Transition.REOPEN, DRAFT);

    static Stream<Arguments> everyStateAndTransition() {
        return Arrays.stream(EntryStatus.values())
                .flatMap(status -> Arrays.stream(Transition.values()).map(transition -> Arguments.of(status, transition)));
    }

    @ParameterizedTest(name = "{1} from {0}")
    @MethodSource("everyStateAndTransition")
    void allowsExactlyTheMovesTheContractLists(EntryStatus status, Transition transition) {
        assertThat(transition.allowedFrom(status)).isEqualTo(FROM.get(transition).contains(status));
    }

    @ParameterizedTest(name = "{1} from {0}")
    @MethodSource("everyStateAndTransition")
    void explainsARefusalByNamingTheCurrentAndTheNeededStates(EntryStatus status, Transition transition) {
        String refusal = transition.refusal(status);

        assertThat(refusal).contains(status.name());
        FROM.get(transition).forEach(needed -> assertThat(refusal).contains(needed.name()));
    }

    @ParameterizedTest
    @EnumSource(Transition.class)
    void leadsToTheStateTheContractNames(Transition transition) {
        assertThat(transition.to()).isEqualTo(TO.get(transition));
    }

    @Test
    void letsOwnersSubmitAndWithdrawReviewersDecideAndAdminsRevokeAndReopen() {
        assertThat(Transition.SUBMIT.actor()).isEqualTo(Actor.OWNER);
        assertThat(Transition.WITHDRAW.actor()).isEqualTo(Actor.OWNER);
        assertThat(Transition.APPROVE.actor()).isEqualTo(Actor.REVIEWER);
        assertThat(Transition.REJECT.actor()).isEqualTo(Actor.REVIEWER);
        assertThat(Transition.REQUEST_CHANGES.actor()).isEqualTo(Actor.REVIEWER);
        assertThat(Transition.REVOKE.actor()).isEqualTo(Actor.ADMIN);
        assertThat(Transition.REOPEN.actor()).isEqualTo(Actor.ADMIN);
    }

    @Test
    void requiresACommentToRejectToRequestChangesAndToRevokeOnly() {
        assertThat(Arrays.stream(Transition.values()).filter(Transition::commentRequired))
                .containsExactlyInAnyOrder(Transition.REJECT, Transition.REQUEST_CHANGES, Transition.REVOKE);
    }

    @Test
    void countsTheThreeReviewOutcomesAsDecisions() {
        assertThat(Arrays.stream(Transition.values()).filter(Transition::isDecision))
                .containsExactlyInAnyOrder(Transition.APPROVE, Transition.REJECT, Transition.REQUEST_CHANGES);
        for (Decision decision : Decision.values()) {
            assertThat(Decision.of(decision.transition())).isEqualTo(decision);
        }
        assertThatIllegalArgumentException().isThrownBy(() -> Decision.of(Transition.SUBMIT));
    }

    @Test
    void editsOnlyDraftsAndEntriesSentBackAndDeletesOnlyDraftsAndShowsOnlyApprovedEntries() {
        assertThat(Arrays.stream(EntryStatus.values()).filter(EntryStatus::isEditable))
                .containsExactlyInAnyOrder(DRAFT, CHANGES_REQUESTED, REJECTED);
        assertThat(Arrays.stream(EntryStatus.values()).filter(EntryStatus::isDeletable)).containsExactly(DRAFT);
        assertThat(Arrays.stream(EntryStatus.values()).filter(EntryStatus::isPublic)).containsExactly(APPROVED);
    }

    @Test
    void submitsFromEveryStateTheOwnerCanEdit() {
        for (EntryStatus status : EntryStatus.values()) {
            assertThat(Transition.SUBMIT.allowedFrom(status)).as(status.name()).isEqualTo(status.isEditable());
        }
    }

    @ParameterizedTest
    @EnumSource(EntryStatus.class)
    void leavesNoStateFromWhichAnEntryCanNeverBeSubmittedAgain(EntryStatus start) {
        Set<EntryStatus> reached = EnumSet.of(start);
        ArrayDeque<EntryStatus> next = new ArrayDeque<>(reached);
        while (!next.isEmpty()) {
            EntryStatus status = next.poll();
            for (Transition transition : Transition.values()) {
                if (transition.allowedFrom(status) && reached.add(transition.to())) {
                    next.add(transition.to());
                }
            }
        }
        assertThat(reached).contains(SUBMITTED);
    }
}
