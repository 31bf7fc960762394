package dev.cutover.cutover.port;

import java.util.List;

/**
 * The hosted zone holding the hostname's record. In AWS: Route 53's ListResourceRecordSets,
 * ChangeResourceRecordSets and GetChange; locally, the stand-in zone.
 */
public interface DnsZone {

  /** Every record set named exactly {@code name} (any type), as the zone holds them. */
  List<DnsRecord> records(ZoneRef zone, String name);

  /**
   * Replaces {@code expected} with {@code replacement} in one atomic change: each expected record is
   * deleted (which only matches when it is exactly as given) and each replacement created. Either
   * all of it happens or none.
   *
   * @throws RecordMismatchException when the zone does not hold exactly {@code expected}
   * @throws ZoneBusyException when the zone cannot take a change now
   */
  DnsChange replace(ZoneRef zone, List<DnsRecord> expected, List<DnsRecord> replacement, String comment);

  /**
   * The state of a change submitted earlier.
   *
   * @throws ZoneBusyException when the zone cannot answer now
   */
  DnsChange change(ZoneRef zone, String changeId);
}
