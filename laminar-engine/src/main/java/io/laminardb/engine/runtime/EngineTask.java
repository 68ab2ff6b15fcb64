package io.laminardb.engine.runtime;

/**
 * Work an engine thread owns and runs in turn with its other tasks: a source's channel, or a partition of a keyed
 * operator with the queue that feeds it. Only the owning thread calls {@link #process}.
 */
public interface EngineTask {

    /** Wakes the engine thread that owns a task when it sleeps. */
    interface Waker {
        void wakeIfSleeping();
    }

    /** Does up to {@code limit} units of work; returns how many were done (0 when there was nothing to do). */
    int process(int limit);

    /** Whether there is work waiting, or an end still to hand on; approximate, for the idle check. */
    boolean hasPending();

    /** Whether the task has finished for good and can leave its thread. */
    boolean isCompleted();

    /** Called when the task is given to a thread. */
    void setWaker(Waker waker);

    /**
     * Whether the task takes new input into the engine (a source's channel): such tasks are held back while a
     * checkpoint lets the rows already inside reach every operator.
     */
    default boolean isInput() {
        return false;
    }
}
