package io.ganlab.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads of the counting: line ranges read in parallel, and tasks taken in turn by a few workers. */
final class Parallel {
    private Parallel() {}

    interface RangeTask<T> {
        /** @param part which range, {@code 0..threads-1} in line order */
        T run(int part, long from, long to) throws Exception;
    }

    /**
     * Runs {@code task} on {@code threads} contiguous line ranges; results in range order. The ranges depend
     * only on the number of lines and of threads, so two calls with the same numbers see the same ranges.
     */
    static <T> List<T> parallelOverLines(LineSource src, int threads, RangeTask<T> task) {
        long lines = src.lines();
        if (threads <= 1) {
            try {
                return java.util.Collections.singletonList(task.run(0, 0, lines));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, daemon());
        try {
            List<Future<T>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int part = t;
                long from = lines * t / threads;
                long to = lines * (t + 1) / threads;
                fs.add(pool.submit(() -> task.run(part, from, to)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : fs) {
                out.add(get(f));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    interface Task<S> {
        void run(int i, S state) throws Exception;
    }

    /**
     * Runs tasks {@code 0..count-1} on {@code workers} threads, each taking the next task when done with one,
     * with a state of its own from {@code perWorker} (such as scratch arrays).
     */
    static <S> void runTasks(int workers, int count, java.util.function.Supplier<S> perWorker, Task<S> task) {
        AtomicInteger next = new AtomicInteger();
        java.util.concurrent.Callable<Void> work = () -> {
            S state = perWorker.get();
            for (int i; (i = next.getAndIncrement()) < count; ) {
                task.run(i, state);
            }
            return null;
        };
        if (workers <= 1) {
            try {
                work.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(workers, daemon());
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (int t = 0; t < workers; t++) {
                fs.add(pool.submit(work));
            }
            join(fs);
        } finally {
            pool.shutdownNow();
        }
    }

    static void join(List<Future<?>> fs) {
        for (Future<?> f : fs) {
            get(f);
        }
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EvalException("interrupted while counting n-grams", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }

    static java.util.concurrent.ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "ganlab-ngrams");
            t.setDaemon(true);
            return t;
        };
    }
}
