package dev.cutover.approval.support;

import dev.cutover.approval.port.Notice;
import dev.cutover.approval.port.Notifier;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every notice published; can fail the next publish. */
public final class RecordingNotifier implements Notifier {

  private final List<Notice> published = new CopyOnWriteArrayList<>();
  private RuntimeException nextFailure;

  public void failNext(RuntimeException failure) {
    nextFailure = failure;
  }

  @Override
  public String publish(Notice notice) {
    if (nextFailure != null) {
      RuntimeException failure = nextFailure;
      nextFailure = null;
      throw failure;
    }
    published.add(notice);
    return "message-" + published.size();
  }

  public List<Notice> published() {
    return List.copyOf(published);
  }
}
