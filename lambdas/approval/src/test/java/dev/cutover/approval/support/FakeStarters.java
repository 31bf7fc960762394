package dev.cutover.approval.support;

import dev.cutover.approval.port.StarterLookup;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Answers who started an execution with what the test says; records what was asked. */
public final class FakeStarters implements StarterLookup {

  public record Asked(String executionArn, Instant startedAround) {}

  private final List<Asked> asked = new CopyOnWriteArrayList<>();
  private volatile Starter answer = new Unknown("nobody told the fake");

  public void answer(Starter starter) {
    this.answer = starter;
  }

  @Override
  public Starter find(String executionArn, Instant startedAround) {
    asked.add(new Asked(executionArn, startedAround));
    return answer;
  }

  public List<Asked> asked() {
    return List.copyOf(asked);
  }
}
