package io.realtimestore.console.audio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RealTimePacerTest {

    private long now = 1_000_000_000L;
    private final List<Long> deadlines = new ArrayList<>();
    private final RealTimePacer pacer = new RealTimePacer(24_000, () -> now, deadline -> {
        deadlines.add(deadline);
        now = Math.max(now, deadline);
    });

    @Test
    void eachBlockIsReleasedWhenItsLastFrameWouldHaveBeenPlayed() {
        pacer.await(480); // 20 ms
        pacer.await(480);
        pacer.await(240);
        assertThat(deadlines).containsExactly(1_020_000_000L, 1_040_000_000L, 1_050_000_000L);
    }

    @Test
    void aSlowCallerDoesNotMakeTheClockDrift() {
        pacer.await(480);
        now += 5_000_000L; // 5 ms late: still within the same stream
        pacer.await(480);
        assertThat(deadlines.get(1)).isEqualTo(1_040_000_000L);
    }

    @Test
    void afterAPauseTheStreamStartsAgainInsteadOfRushing() {
        pacer.await(480);
        now += 2_000_000_000L; // nothing for two seconds
        long resumed = now;
        pacer.await(480);
        assertThat(deadlines.get(1)).isEqualTo(resumed + 20_000_000L);
    }
}
