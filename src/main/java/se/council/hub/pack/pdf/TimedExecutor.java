package se.council.hub.pack.pdf;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs rendering jobs a few at a time, in the order given, each under its own time limit counted
 * from when it starts. A job past its limit is reported as timed out at once and its place goes to
 * the next job: a deck that makes POI loop forever cannot be stopped in Java, so its thread is asked
 * to stop (interrupt and a flag the renderers check between slides) and otherwise left behind as a
 * daemon, while the pack carries on.
 */
final class TimedExecutor implements AutoCloseable {

    private final Semaphore slots;
    private final ExecutorService dispatcher;
    private final ExecutorService workers;
    private final ScheduledExecutorService watchdog;

    TimedExecutor(int parallelism) {
        this.slots = new Semaphore(parallelism, true);
        this.dispatcher = Executors.newSingleThreadExecutor(daemon("pack-pdf-dispatch"));
        this.workers = Executors.newCachedThreadPool(daemon("pack-pdf-render"));
        this.watchdog = Executors.newSingleThreadScheduledExecutor(daemon("pack-pdf-watchdog"));
    }

    /**
     * Queues a job; the future fails with {@link TimeoutException} when the job outlives its limit.
     *
     * @param job given a "stop now" signal to check between units of work
     */
    <T> CompletableFuture<T> submit(Function<BooleanSupplier, T> job, Duration limit) {
        CompletableFuture<T> result = new CompletableFuture<>();
        dispatcher.execute(() -> {
            slots.acquireUninterruptibly();
            AtomicBoolean released = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            Runnable release = () -> {
                if (released.compareAndSet(false, true)) {
                    slots.release();
                }
            };
            Future<?> running;
            try {
                running = workers.submit(() -> {
                    try {
                        result.complete(job.apply(stop::get));
                    } catch (Throwable failure) {
                        // OutOfMemoryError and StackOverflowError included: a hostile file's, not ours
                        result.completeExceptionally(failure);
                    } finally {
                        release.run();
                    }
                });
            } catch (RuntimeException rejected) {
                result.completeExceptionally(rejected);
                release.run();
                return;
            }
            ScheduledFuture<?> timer = watchdog.schedule(() -> {
                if (result.completeExceptionally(new TimeoutException("took longer than " + limit))) {
                    stop.set(true);
                    running.cancel(true);
                    release.run();
                }
            }, limit.toNanos(), TimeUnit.NANOSECONDS);
            result.whenComplete((value, failure) -> timer.cancel(false));
        });
        return result;
    }

    @Override
    public void close() {
        dispatcher.shutdownNow();
        workers.shutdownNow();
        watchdog.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
