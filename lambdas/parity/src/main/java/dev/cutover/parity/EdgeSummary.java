package dev.cutover.parity;

import dev.cutover.parity.port.DistributionSnapshot;

/**
 * Which distribution, and which version of its configuration, a side's findings are about.
 *
 * @param distributionId the distribution id
 * @param domainName its {@code *.cloudfront.net} name, which the probes used
 * @param status {@code Deployed}, or {@code InProgress} while a change is still reaching the edges
 *     (the probes may then see the previous configuration)
 * @param etag the configuration version compared
 */
record EdgeSummary(String distributionId, String domainName, String status, String etag) {

  static EdgeSummary of(DistributionSnapshot snapshot) {
    return new EdgeSummary(snapshot.id(), snapshot.domainName(), snapshot.status(), snapshot.etag());
  }
}
