package dev.cutover.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cutover.asl.StatesError;

/**
 * What a Task state's {@code Resource} does, supplied by the host: a Lambda handler in process, an
 * SDK integration stand-in. Request-response: the result is returned, or the task fails by
 * throwing a {@link StatesError} whose name Retry and Catch match.
 */
@FunctionalInterface
public interface TaskResource {

  JsonNode invoke(TaskInvocation invocation) throws StatesError;
}
