package dev.cutover.verify;

import dev.cutover.errors.InternalErrorException;
import dev.cutover.errors.TransientException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Calls that wait on the network run on virtual threads while the caller does something else:
 * green's side of a key while blue's is read, a listing's next page while this one is merged.
 * Each caller waits for at most one such call at a time, so this adds no unbounded concurrency.
 */
final class Async {

  private static final ExecutorService VIRTUAL = Executors.newVirtualThreadPerTaskExecutor();

  private Async() {}

  static <T> Future<T> start(Callable<T> call) {
    return VIRTUAL.submit(call);
  }

  /** The call's result; its error contract exception as thrown, anything else as an internal error. */
  static <T> T join(Future<T> call, String what) {
    try {
      return call.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      call.cancel(true);
      throw new TransientException("Interrupted while waiting for " + what + "; the step is retried.", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new InternalErrorException(what + " failed: " + e.getCause(), e.getCause());
    }
  }
}
