package io.realtimestore.console.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TurnTrackerTest {

    private final TurnTracker turns = new TurnTracker();
    private final long now = 5_000_000_000L;

    @Test
    void aTurnAnsweredAfterAToolCallIsDoneOnlyWithTheSecondResponse() {
        turns.speechStarted();
        assertThat(turns.idle(now)).isFalse();
        turns.speechStopped(now);
        turns.userTurn();
        turns.responseStarted("resp_1");
        turns.responseDone("resp_1", false); // it only called a tool
        assertThat(turns.idle(now)).isFalse();
        turns.responseStarted("resp_2");
        assertThat(turns.responding()).isTrue();
        turns.responseDone("resp_2", true);
        assertThat(turns.idle(now)).isTrue();
        assertThat(turns.answered()).isEqualTo(1);
    }

    @Test
    void theMomentBetweenTheEndOfSpeechAndItsCommitIsNotIdleUnlessTheCommitNeverComes() {
        turns.speechStarted();
        turns.speechStopped(now);
        assertThat(turns.idle(now + 1_000_000L)).isFalse();
        assertThat(turns.idle(now + TurnTracker.COMMIT_WAIT_NANOS)).isTrue(); // the service dropped it (a false start)
        turns.userTurn();
        assertThat(turns.idle(now + 1_000_000L)).isFalse();
    }

    @Test
    void aCancelledAnswerCountsAsAnsweredAndTheNextTurnWaitsForItsOwn() {
        turns.userTurn();
        turns.responseStarted("resp_1");
        turns.speechStarted(); // barge-in
        turns.responseDone("resp_1", true);
        assertThat(turns.idle(now)).isFalse(); // still speaking
        turns.userTurn();
        assertThat(turns.idle(now)).isFalse();
        turns.responseStarted("resp_2");
        turns.responseDone("resp_2", true);
        assertThat(turns.idle(now)).isTrue();
        assertThat(turns.answered()).isEqualTo(2);
    }
}
