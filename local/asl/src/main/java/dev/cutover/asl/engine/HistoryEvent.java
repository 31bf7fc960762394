package dev.cutover.asl.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One entry of an execution's history, as {@code GetExecutionHistory} returns it: AWS's event
 * type (e.g. {@code TaskStateEntered}) and its details under AWS's field name (e.g. {@code
 * stateEnteredEventDetails}).
 */
public record HistoryEvent(long id, long previousEventId, Instant timestamp, String type, String detailsField, ObjectNode details) {}
