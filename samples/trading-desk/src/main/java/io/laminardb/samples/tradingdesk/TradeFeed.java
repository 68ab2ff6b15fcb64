package io.laminardb.samples.tradingdesk;

import io.laminardb.engine.Source;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A synthetic market: a few symbols whose prices walk at random, traded a few thousand times a second, pushed through
 * the injected {@code Source<Trade>}. About one trade in two thousand is large.
 */
@Component
public class TradeFeed implements SmartLifecycle {

    private static final String[] SYMBOLS = {"AAPL", "MSFT", "NVDA", "AMZN", "GOOG"};

    private final Source<Trade> trades;
    private final int tradesPerSecond;
    private final double[] prices = {190.0, 410.0, 120.0, 180.0, 170.0};
    private volatile boolean running;
    private Thread thread;

    /** {@code trades} names the source of schema.sql; {@code Trade} says how its rows look. */
    public TradeFeed(Source<Trade> trades, @Value("${trading-desk.trades-per-second:2000}") int tradesPerSecond) {
        this.trades = trades;
        this.tradesPerSecond = tradesPerSecond;
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "trade-feed");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long interval = 1_000_000_000L / tradesPerSecond;
        long next = System.nanoTime();
        while (running) {
            int i = random.nextInt(SYMBOLS.length);
            prices[i] = Math.max(1.0, prices[i] * (1 + random.nextGaussian() * 0.0005));
            long qty = random.nextInt(2_000) == 0 ? 5_000 + random.nextInt(20_000) : 1 + random.nextInt(500);
            trades.push(new Trade(SYMBOLS[i], Math.round(prices[i] * 100) / 100.0, qty, Instant.now()));
            next += interval;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
        }
    }

    /** Stops before the database drains (a higher phase stops first), so the drain has an end. */
    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            try {
                thread.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
