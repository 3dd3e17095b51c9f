package io.realtimestore.voice.realtime;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * Runs one session's work in order, one task at a time, on a shared pool: events keep their order and the session's
 * state needs no locks, while decoding and synthesis stay off the gateway's event loop.
 */
final class SerialLane implements Executor {

    private static final Logger LOG = Logger.getLogger(SerialLane.class);

    private final Executor pool;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    SerialLane(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) {
            tasks.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        pool.execute(this::drain);
    }

    /** After this many tasks the lane lets other sessions' lanes have the thread. */
    private static final int FAIR_SHARE = 32;

    private void drain() {
        for (int done = 0; ; done++) {
            if (done == FAIR_SHARE) {
                pool.execute(this::drain);
                return;
            }
            Runnable task;
            synchronized (tasks) {
                task = tasks.poll();
                if (task == null) {
                    running = false;
                    return;
                }
            }
            try {
                task.run();
            } catch (RuntimeException | Error failure) {
                LOG.error("Local voice session task failed", failure);
            }
        }
    }
}
