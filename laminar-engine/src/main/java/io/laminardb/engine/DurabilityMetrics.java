package io.laminardb.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * The counters of a database with a data directory.
 *
 * @param walMode when pushed events reach the disk
 * @param fsyncs how many times the logs were forced to disk
 * @param fsyncTime the time spent forcing them, in total
 * @param checkpoints checkpoints taken in this run
 * @param checkpointFailures checkpoints that failed or were skipped in this run
 * @param checkpointTime the time spent taking them, in total
 * @param lastCheckpointId the number of the newest checkpoint, 0 when there is none
 * @param lastCheckpointBytes the size of its state, in bytes
 * @param lastCheckpointPause how long the newest checkpoint of this run held the engine still
 * @param recoveredEvents events replayed from the log when the database started
 * @param recoveryTime how long recovery took
 */
public record DurabilityMetrics(
        WalMode walMode,
        long fsyncs,
        Duration fsyncTime,
        long checkpoints,
        long checkpointFailures,
        Duration checkpointTime,
        long lastCheckpointId,
        long lastCheckpointBytes,
        Optional<Duration> lastCheckpointPause,
        long recoveredEvents,
        Duration recoveryTime) {}
