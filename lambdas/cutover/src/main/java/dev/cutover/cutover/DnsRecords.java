package dev.cutover.cutover;

import dev.cutover.cutover.port.AliasTarget;
import dev.cutover.cutover.port.DnsRecord;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The hostname's records as cutover sees them: which of a name's record sets it moves (A, AAAA
 * and CNAME; TXT, MX, CAA and the like stay as they are), whether two sets of records are the
 * same, where they point, and how to say so in a message.
 */
final class DnsRecords {

  /** The types that route a browser to a distribution. */
  static final Set<String> ROUTING_TYPES = Set.of("A", "AAAA", "CNAME");

  private DnsRecords() {}

  /** The record sets cutover moves, from every record set at the name. */
  static List<DnsRecord> routing(List<DnsRecord> atName) {
    return atName.stream().filter(r -> ROUTING_TYPES.contains(r.type())).toList();
  }

  /**
   * Whether two lists hold the same record sets, in any order: names and DNS names compared
   * without case and trailing dot, everything else exactly.
   */
  static boolean same(List<DnsRecord> a, List<DnsRecord> b) {
    return canonical(a).equals(canonical(b));
  }

  /** The domain a routing record points at (alias target or CNAME value), canonical; else null. */
  static String target(DnsRecord record) {
    if (record.aliasTarget() != null) {
      return Names.canonical(record.aliasTarget().dnsName());
    }
    if ("CNAME".equals(record.type()) && record.values().size() == 1) {
      return Names.canonical(record.values().getFirst());
    }
    return null;
  }

  /** Whether the record routes to the distribution whose own name is {@code domainName}. */
  static boolean pointsAt(DnsRecord record, String domainName) {
    if (record.setIdentifier() != null) {
      return false;
    }
    if (record.aliasTarget() != null) {
      return AliasTarget.CLOUDFRONT_ZONE.equals(record.aliasTarget().hostedZoneId())
          && Names.same(record.aliasTarget().dnsName(), domainName)
          && (record.type().equals("A") || record.type().equals("AAAA"));
    }
    return "CNAME".equals(record.type()) && record.values().size() == 1 && Names.same(record.values().getFirst(), domainName);
  }

  /**
   * The same record aimed at {@code domainName}: an alias keeps its type and health setting, a
   * CNAME its TTL. Route 53 stores alias targets with a trailing dot; so does this.
   */
  static DnsRecord aimedAt(DnsRecord record, String domainName) {
    String fqdn = Names.canonical(domainName) + ".";
    if (record.aliasTarget() != null) {
      return new DnsRecord(
          record.name(), record.type(), null, null, List.of(),
          new AliasTarget(AliasTarget.CLOUDFRONT_ZONE, fqdn, record.aliasTarget().evaluateTargetHealth()));
    }
    return new DnsRecord(record.name(), record.type(), null, record.ttl(), List.of(fqdn), null);
  }

  /** For messages: {@code A alias → d111.cloudfront.net, AAAA alias → ...}, or {@code no record}. */
  static String describe(List<DnsRecord> records) {
    if (records.isEmpty()) {
      return "no A, AAAA or CNAME record";
    }
    return records.stream().map(DnsRecords::describe).sorted().collect(Collectors.joining(", "));
  }

  static String describe(DnsRecord r) {
    StringBuilder s = new StringBuilder(r.type());
    if (r.setIdentifier() != null) {
      s.append(" [set ").append(r.setIdentifier()).append(']');
    }
    if (r.aliasTarget() != null) {
      s.append(" alias → ").append(Names.canonical(r.aliasTarget().dnsName()));
      if (!AliasTarget.CLOUDFRONT_ZONE.equals(r.aliasTarget().hostedZoneId())) {
        s.append(" (zone ").append(r.aliasTarget().hostedZoneId()).append(')');
      }
    } else {
      s.append(' ').append(String.join(" ", r.values())).append(" (TTL ").append(r.ttl()).append(')');
    }
    return s.toString();
  }

  private static Set<String> canonical(List<DnsRecord> records) {
    Set<String> out = new TreeSet<>();
    for (DnsRecord r : records) {
      String alias =
          r.aliasTarget() == null
              ? "-"
              : r.aliasTarget().hostedZoneId() + "|" + Names.canonical(r.aliasTarget().dnsName()) + "|" + r.aliasTarget().evaluateTargetHealth();
      String values =
          r.values().stream()
              .map(v -> "CNAME".equals(r.type()) ? Names.canonical(v) : v)
              .sorted()
              .collect(Collectors.joining(","));
      out.add(
          String.join(
              "|",
              Names.canonical(r.name()),
              r.type(),
              Objects.toString(r.setIdentifier()),
              Objects.toString(r.ttl()),
              values,
              alias));
    }
    return out;
  }
}
