package io.ganlab.imagegan.data;

import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Decodes images on all cores while the results are written in input order: tasks run on a pool, at most
 * {@code 4 x threads} ahead of the writer (so memory stays bounded by a few dozen images), and each result is
 * handed to the consumer in submission order on the calling thread.
 */
final class DecodePool<R> implements AutoCloseable {
    private final ExecutorService pool;
    private final int window;
    private final ArrayDeque<Future<R>> pending = new ArrayDeque<>();
    private final Consumer<R> inOrder;

    DecodePool(Consumer<R> inOrder) {
        int threads = Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors()));
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "ganlab-image-decode");
            t.setDaemon(true);
            return t;
        });
        this.window = 4 * threads;
        this.inOrder = inOrder;
    }

    /** Queues a task; hands on the oldest result first when the window is full. */
    void submit(Callable<R> task) {
        pending.add(pool.submit(task));
        if (pending.size() >= window) {
            next();
        }
    }

    /** Hands on every remaining result. */
    void finish() {
        while (!pending.isEmpty()) {
            next();
        }
    }

    private void next() {
        Future<R> f = pending.poll();
        try {
            inOrder.accept(f.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageException("interrupted while decoding images", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    @Override
    public void close() {
        for (Future<R> f : pending) {
            f.cancel(true);
        }
        pool.shutdownNow();
    }
}
