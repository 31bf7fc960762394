/**
 * The rehearsal's stand-ins for CloudFront, Route 53 and CloudWatch (DESIGN.md §4): {@link
 * dev.cutover.local.edge.LocalEdge}, an HTTP server on 127.0.0.1 that routes each request by its
 * Host header to the deployed distribution with the most specific alias, serves from the origin
 * bucket and writes CloudFront standard log lines; {@link dev.cutover.local.edge.LocalDnsZone}, hosted
 * zones with compare-and-swap change batches that go PENDING → INSYNC; {@link
 * dev.cutover.local.edge.EdgeMetrics}, per-minute request counts and error rates from the edge's own
 * log records. Time is a {@link java.time.Clock} each is given. The step ports are implemented on
 * them in {@code ports}.
 */
package dev.cutover.local.edge;
