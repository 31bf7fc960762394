package dev.cutover.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Where users reach the assets.
 *
 * @param hostname the name users request, e.g. {@code assets.example.com}; a subdomain of the zone
 * @param hostedZoneId the Route 53 public hosted zone holding the record, e.g. {@code Z0123456789ABCDEFGHIJ}
 * @param zoneName that zone's domain name, e.g. {@code example.com}
 */
public record Dns(@Required String hostname, @Required String hostedZoneId, @Required String zoneName) {

  /** Whether the hostname is the zone apex (the record name equals the zone name). */
  @JsonIgnore
  public boolean isApex() {
    return hostname != null && zoneName != null && hostname.equals(zoneName);
  }

  /** The wildcard alias green holds during the move: {@code *.} followed by the hostname's parent. */
  public String wildcardAlias() {
    return "*" + hostname.substring(hostname.indexOf('.'));
  }
}
