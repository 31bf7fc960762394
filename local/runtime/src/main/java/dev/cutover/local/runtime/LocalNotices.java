package dev.cutover.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.cutover.asl.StatesError;
import dev.cutover.asl.engine.TaskInvocation;
import dev.cutover.asl.engine.TaskResource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The notification topic, for {@code arn:aws:states:::sns:publish}: keeps every notice the workflow
 * sends and hands it to listeners (the rehearsal prints them). Refuses what SNS refuses: a missing
 * message, a subject SNS would not take.
 */
public final class LocalNotices {

  /** One published notice. */
  public record Notice(String topicArn, String subject, String message, String messageId, Instant at) {}

  private final Clock clock;
  private final List<Notice> notices = Collections.synchronizedList(new ArrayList<>());
  private final List<Consumer<Notice>> listeners = new CopyOnWriteArrayList<>();

  public LocalNotices(Clock clock) {
    this.clock = clock;
  }

  /** The task resource for {@code arn:aws:states:::sns:publish}. */
  public TaskResource resource() {
    return this::publish;
  }

  /** Called for each notice as it is published. */
  public void onNotice(Consumer<Notice> listener) {
    listeners.add(listener);
  }

  /** Every notice so far, in order. */
  public List<Notice> notices() {
    synchronized (notices) {
      return List.copyOf(notices);
    }
  }

  /**
   * Publishes a notice as SNS Publish does: what the approval's notifier and the workflow's notice
   * tasks both go through.
   *
   * @throws StatesError {@code SNS.InvalidParameterException} for what SNS refuses
   */
  public Notice publish(String topicArn, String subject, String message) {
    if (topicArn == null || topicArn.isEmpty()) {
      throw new StatesError("SNS.InvalidParameterException", "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
    }
    if (message == null || message.isEmpty()) {
      throw new StatesError("SNS.InvalidParameterException", "Invalid parameter: Empty message");
    }
    String title = subject == null ? "" : subject;
    if (title.length() > 100 || !title.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw new StatesError("SNS.InvalidParameterException", "Invalid parameter: Subject must be ASCII text without line breaks, at most 100 characters");
    }
    Notice notice = new Notice(topicArn, title, message, UUID.randomUUID().toString(), clock.instant());
    notices.add(notice);
    for (Consumer<Notice> listener : listeners) {
      listener.accept(notice);
    }
    return notice;
  }

  private JsonNode publish(TaskInvocation invocation) {
    JsonNode args = invocation.payload();
    JsonNode message = args.path("Message");
    Notice notice = publish(
        args.path("TopicArn").asText(""),
        args.path("Subject").asText(""),
        message.isMissingNode() || message.isNull() ? null : message.isTextual() ? message.asText() : message.toString());
    return JsonNodeFactory.instance.objectNode().put("MessageId", notice.messageId());
  }
}
