package dev.cutover.watch.port;

import java.time.Instant;

/**
 * One period of one metric as CloudWatch returns it.
 *
 * @param timestamp the start of the period (CloudWatch stamps a datapoint with its period's start)
 * @param value the statistic over the period: a percentage for the error rates, a count for
 *     requests
 */
public record Datapoint(Instant timestamp, double value) {}
