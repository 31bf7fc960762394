package dev.cutover.approval.support;

import dev.cutover.approval.port.TaskCallbacks;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every callback sent; can refuse the next ones as Step Functions would. */
public final class FakeCallbacks implements TaskCallbacks {

  /** One callback as sent: success has {@code output}; failure has {@code error} and {@code cause}. */
  public record Sent(String token, String output, String error, String cause) {}

  private final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final Deque<RuntimeException> failures = new ArrayDeque<>();

  /** The next call throws {@code failure} (and is not counted as sent). */
  public void failNext(RuntimeException failure) {
    failures.add(failure);
  }

  @Override
  public void succeed(String taskToken, String outputJson) {
    maybeFail();
    sent.add(new Sent(taskToken, outputJson, null, null));
  }

  @Override
  public void fail(String taskToken, String error, String cause) {
    maybeFail();
    sent.add(new Sent(taskToken, null, error, cause));
  }

  private void maybeFail() {
    RuntimeException failure = failures.poll();
    if (failure != null) {
      throw failure;
    }
  }

  public List<Sent> sent() {
    return List.copyOf(sent);
  }
}
