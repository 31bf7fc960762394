package dev.cutover.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * One call of a task resource.
 *
 * @param resource the state's {@code Resource}
 * @param payload the effective parameters (JSONPath {@code Parameters}, JSONata {@code Arguments}, or the input)
 * @param context the context object as the state sees it ({@code $$} / {@code $states.context})
 * @param taskToken for {@code .sync} and {@code .waitForTaskToken} resources, the token that completes
 *     the task through {@link Engine#sendTaskSuccess} / {@link Engine#sendTaskFailure}; null otherwise
 */
public record TaskInvocation(String resource, JsonNode payload, JsonNode context, String taskToken) {

  /**
   * What a {@code .sync} resource returns when the job it started has not finished: the task then
   * waits, like a callback, until the host completes it with {@link #taskToken()}.
   */
  public static final JsonNode NOT_FINISHED = MissingNode.getInstance();
}
