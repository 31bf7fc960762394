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

  private JsonNode publish(TaskInvocation invocation) {
    JsonNode args = invocation.payload();
    String topic = args.path("TopicArn").asText("");
    String message = args.path("Message").isTextual() ? args.path("Message").asText() : args.path("Message").toString();
    String subject = args.path("Subject").asText("");
    if (topic.isEmpty()) {
      throw new StatesError("SNS.InvalidParameterException", "Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter");
    }
    if (args.path("Message").isMissingNode() || message.isEmpty()) {
      throw new StatesError("SNS.InvalidParameterException", "Invalid parameter: Empty message");
    }
    if (subject.length() > 100 || !subject.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw new StatesError("SNS.InvalidParameterException", "Invalid parameter: Subject must be ASCII text without line breaks, at most 100 characters");
    }
    Notice notice = new Notice(topic, subject, message, UUID.randomUUID().toString(), clock.instant());
    notices.add(notice);
    for (Consumer<Notice> listener : listeners) {
      listener.accept(notice);
    }
    return JsonNodeFactory.instance.objectNode().put("MessageId", notice.messageId());
  }
}
