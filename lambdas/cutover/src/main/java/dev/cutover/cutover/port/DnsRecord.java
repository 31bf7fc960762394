package dev.cutover.cutover.port;

import java.util.List;

/**
 * One Route 53 resource record set, exactly as Route 53 returned it: a delete must repeat every
 * value to match, so nothing here is normalised.
 *
 * @param name the record name, usually with Route 53's trailing dot
 * @param type {@code A}, {@code AAAA}, {@code CNAME}, ...
 * @param setIdentifier set for weighted, latency, failover, geolocation and multivalue records;
 *     {@code null} for simple routing
 * @param ttl seconds, for records with values; {@code null} for alias records
 * @param values the record's values (a CNAME has one); empty for alias records
 * @param aliasTarget where an alias record points; {@code null} for records with values
 */
public record DnsRecord(
    String name, String type, String setIdentifier, Long ttl, List<String> values, AliasTarget aliasTarget) {

  public DnsRecord {
    values = values == null ? List.of() : List.copyOf(values);
  }

  /** An alias record (A or AAAA) to a CloudFront distribution. */
  public static DnsRecord aliasToCloudFront(String name, String type, String domainName) {
    return new DnsRecord(name, type, null, null, List.of(), new AliasTarget(AliasTarget.CLOUDFRONT_ZONE, domainName, false));
  }

  /** A simple record with values. */
  public static DnsRecord withValues(String name, String type, long ttl, List<String> values) {
    return new DnsRecord(name, type, null, ttl, values, null);
  }
}
