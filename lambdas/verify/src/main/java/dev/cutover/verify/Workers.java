package dev.cutover.verify;

import dev.cutover.errors.InternalErrorException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small fixed pool for per-object comparisons with bounded hand-off: {@link #submit} blocks
 * while twice the pool size is in flight, so a listing of millions of keys never queues millions
 * of tasks. The first failure stops further submissions and is rethrown.
 */
final class Workers implements AutoCloseable {

  private final ExecutorService pool;
  private final Semaphore slots;
  private final int slotCount;
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();

  Workers(int threads) {
    AtomicInteger counter = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread thread = new Thread(r, "verify-worker-" + counter.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.slotCount = threads * 2;
    this.slots = new Semaphore(slotCount);
  }

  void submit(Runnable task) {
    acquire(1);
    if (failure.get() != null) {
      slots.release();
      rethrowFailure();
    }
    pool.execute(
        () -> {
          try {
            task.run();
          } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
          } catch (Error e) {
            failure.compareAndSet(null, new InternalErrorException(e.toString(), e));
          } finally {
            slots.release();
          }
        });
  }

  /** Waits until every submitted task has finished, then rethrows the first failure if any. */
  void awaitAll() {
    acquire(slotCount);
    slots.release(slotCount);
    rethrowFailure();
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  private void acquire(int permits) {
    try {
      slots.acquire(permits);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InternalErrorException("Interrupted while comparing objects", e);
    }
  }

  private void rethrowFailure() {
    RuntimeException e = failure.get();
    if (e != null) {
      throw e;
    }
  }
}
