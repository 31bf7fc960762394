package dev.cutover.approval;

import java.util.function.Supplier;

/**
 * A value built on first use and kept for the container's life. A failure is not kept: the next
 * invocation tries again (after the environment is fixed and the function redeployed, or a
 * transient error has passed).
 */
final class Once<T> implements Supplier<T> {

  private final Supplier<T> build;
  private T value;

  Once(Supplier<T> build) {
    this.build = build;
  }

  @Override
  public synchronized T get() {
    if (value == null) {
      value = build.get();
    }
    return value;
  }
}
