package dev.cutover.local.endpoint;

import dev.cutover.asl.engine.Engine;
import dev.cutover.asl.engine.ScaledClock;
import dev.cutover.asl.engine.VirtualClock;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Moves the engine forward on one thread of its own, so request threads only hand work over and
 * read state. In real time it runs after each {@link #wake()} and again when the engine's next
 * timer falls due. With a {@link VirtualClock} time only moves when a test moves it, so nothing is
 * scheduled: the test advances the clock and calls {@link #drive()}.
 */
final class EngineDriver implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(EngineDriver.class.getName());

  private final Engine engine;
  private final Clock clock;
  private final boolean realTime;
  private final ScheduledThreadPoolExecutor thread;
  // Touched only on the engine thread.
  private ScheduledFuture<?> timer;

  EngineDriver(Engine engine, Clock clock) {
    this.engine = engine;
    this.clock = clock;
    this.realTime = !(clock instanceof VirtualClock);
    this.thread = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "sfn-engine");
      t.setDaemon(true);
      return t;
    });
    this.thread.setRemoveOnCancelPolicy(true);
  }

  /** Work may be runnable (an execution was started): run the engine soon. */
  void wake() {
    thread.execute(this::runLogged);
  }

  /**
   * Runs everything that is due now and returns when nothing is runnable; work handed over before
   * the call is done by then. An exception the engine threw is rethrown here.
   */
  void drive() {
    try {
      thread.submit(this::run).get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the engine ran", e);
    }
  }

  private void runLogged() {
    try {
      run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "the engine failed while running executions", e);
    }
  }

  private void run() {
    try {
      engine.runUntilIdle();
    } finally {
      if (realTime) {
        scheduleNextWakeUp();
      }
    }
  }

  private void scheduleNextWakeUp() {
    if (timer != null) {
      timer.cancel(false);
    }
    timer = engine.nextWakeUp()
        .map(at -> thread.schedule(this::runLogged, Math.max(0, realDelay(Duration.between(clock.instant(), at)).toNanos()),
            TimeUnit.NANOSECONDS))
        .orElse(null);
  }

  /** A wait on the engine's clock as a wait on the wall clock: shorter when time is scaled. */
  private Duration realDelay(Duration onClock) {
    return clock instanceof ScaledClock scaled ? scaled.realDelay(onClock) : onClock;
  }

  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
