package dev.cutover.asl.engine;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One call of a task resource.
 *
 * @param resource the state's {@code Resource}
 * @param payload the effective parameters (JSONPath {@code Parameters}, JSONata {@code Arguments}, or the input)
 * @param context the context object as the state sees it ({@code $$} / {@code $states.context})
 */
public record TaskInvocation(String resource, JsonNode payload, JsonNode context) {}
