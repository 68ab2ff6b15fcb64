package io.laminardb.engine.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The switch from single- to multi-producer, at the channel level, where the race is. */
class UpgradableChannelTest {

    private record Event(int producer, int seq) {}

    @Test
    void aSingleProducerStaysSingleProducer() {
        UpgradableChannel<Event> channel = new UpgradableChannel<>(8);

        for (int i = 0; i < 8; i++) {
            assertThat(channel.offer(new Event(0, i))).isTrue();
        }

        assertThat(channel.offer(new Event(0, 8))).as("full").isFalse();
        assertThat(channel.isMpsc()).isFalse();
        assertThat(channel.producerCount()).isEqualTo(1);
        assertThat(channel.isFull()).isTrue();
    }

    @Test
    void aSecondThreadSwitchesToMultiProducerAndCountsAgainstTheSameCapacity() throws Exception {
        UpgradableChannel<Event> channel = new UpgradableChannel<>(8);
        for (int i = 0; i < 6; i++) {
            channel.offer(new Event(0, i));
        }

        int taken = CompletableFuture.supplyAsync(() -> {
                    int n = 0;
                    while (channel.offer(new Event(1, n))) {
                        n++;
                    }
                    return n;
                })
                .get(10, TimeUnit.SECONDS);

        assertThat(channel.isMpsc()).isTrue();
        assertThat(channel.producerCount()).isEqualTo(2);
        assertThat(taken).as("room left by the first producer's 6 of 8").isEqualTo(2);
        List<Event> drained = new ArrayList<>();
        channel.drain(drained::add, 100);
        assertThat(drained).hasSize(8).startsWith(new Event(0, 0), new Event(0, 1));
    }

    /**
     * The owner keeps pushing while a second thread arrives mid-stream: whatever the interleaving, the consumer sees
     * each producer's events once and in order, draining with both poll and drain.
     */
    @RepeatedTest(100)
    void anUpgradeInTheMiddleOfAStreamLosesAndReordersNothing() throws Exception {
        UpgradableChannel<Event> channel = new UpgradableChannel<>(16);
        int ownerEvents = 400;
        int otherEvents = 100;
        CountDownLatch ownerStarted = new CountDownLatch(1);
        CompletableFuture<Void> owner = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < ownerEvents; i++) {
                while (!channel.offer(new Event(0, i))) {
                    Thread.onSpinWait();
                }
                ownerStarted.countDown();
            }
        });
        ownerStarted.await();
        CompletableFuture<Void> other = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < otherEvents; i++) {
                while (!channel.offer(new Event(1, i))) {
                    Thread.onSpinWait();
                }
            }
        });

        int[] next = new int[2];
        int received = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<Event> batch = new ArrayList<>();
        while (received < ownerEvents + otherEvents && System.nanoTime() < deadline) {
            batch.clear();
            if (received % 2 == 0) {
                channel.drain(batch::add, 7);
            } else {
                Event e = channel.poll();
                if (e != null) {
                    batch.add(e);
                }
            }
            for (Event e : batch) {
                assertThat(e.seq()).as("producer %d's next event", e.producer()).isEqualTo(next[e.producer()]);
                next[e.producer()]++;
                received++;
            }
        }
        owner.get(10, TimeUnit.SECONDS);
        other.get(10, TimeUnit.SECONDS);

        assertThat(next).containsExactly(ownerEvents, otherEvents);
        assertThat(channel.poll()).isNull();
        assertThat(channel.isMpsc()).isTrue();
    }
}
