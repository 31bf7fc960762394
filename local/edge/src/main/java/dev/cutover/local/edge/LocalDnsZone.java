package dev.cutover.local.edge;

import dev.cutover.cutover.port.DnsChange;
import dev.cutover.cutover.port.DnsRecord;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;

/**
 * The rehearsal's Route 53: hosted zones holding record sets (records with values, and alias
 * records to CloudFront distributions), changed by ChangeResourceRecordSets as Route 53 changes
 * them, and a resolver for the viewers on the laptop.
 *
 * <ul>
 *   <li>A change batch applies all or nothing. A DELETE matches only a record set exactly as held
 *       (name, type, set identifier, TTL, every value, alias target); a CREATE of a record set that
 *       exists, or a CNAME beside another type at the same name, fails the batch; UPSERT replaces or
 *       creates. A refused batch is {@link DnsException} {@code InvalidChangeBatch}; nothing changed.
 *       A DELETE + CREATE batch is therefore a compare-and-swap.
 *   <li>The API shows a change at once; a change is PENDING until {@code syncDelay} has passed on
 *       the zone's clock, then INSYNC. Resolvers see a change only once it is INSYNC.
 *   <li>{@link #refuseNext} makes the next calls fail with {@code PriorRequestNotComplete}.
 * </ul>
 */
public final class LocalDnsZone {

  /** What a change does with a record set. */
  public enum Action {
    CREATE,
    DELETE,
    UPSERT
  }

  /** One change of a batch. */
  public record Change(Action action, DnsRecord record) {}

  /** Route 53 refused a call; {@link #code()} is its error code. Nothing was changed. */
  public static final class DnsException extends RuntimeException {
    public static final String INVALID_CHANGE_BATCH = "InvalidChangeBatch";
    public static final String NO_SUCH_HOSTED_ZONE = "NoSuchHostedZone";
    public static final String NO_SUCH_CHANGE = "NoSuchChange";
    public static final String PRIOR_REQUEST_NOT_COMPLETE = "PriorRequestNotComplete";

    private final String code;

    public DnsException(String code, String message) {
      super(code + ": " + message);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  private record Submitted(String id, Instant syncAt, List<DnsRecord> after) {}

  private static final class Zone {
    final String id;
    final String name;
    List<DnsRecord> records = new ArrayList<>();
    List<DnsRecord> resolvable = List.of();
    final List<Submitted> pending = new ArrayList<>();

    Zone(String id, String name) {
      this.id = id;
      this.name = HostNames.canonical(name);
    }
  }

  private final Clock clock;
  private final Duration syncDelay;
  private final Random random;
  private final Map<String, Zone> zones = new LinkedHashMap<>();
  private final Map<String, Submitted> changes = new LinkedHashMap<>();
  private int refuse;

  /**
   * @param clock the clock changes sync on
   * @param syncDelay how long a change stays PENDING
   */
  public LocalDnsZone(Clock clock, Duration syncDelay, long seed) {
    this.clock = clock;
    this.syncDelay = syncDelay;
    this.random = new Random(seed);
  }

  /** A hosted zone for {@code name} (e.g. {@code example.com}) with id {@code zoneId}, holding {@code records}. */
  public synchronized void createHostedZone(String zoneId, String name, List<DnsRecord> records) {
    if (zones.containsKey(zoneId)) {
      throw new IllegalArgumentException("hosted zone " + zoneId + " exists");
    }
    Zone z = new Zone(zoneId, name);
    for (DnsRecord r : records) {
      requireInZone(z, r);
    }
    z.records = new ArrayList<>(records);
    z.resolvable = List.copyOf(records);
    zones.put(zoneId, z);
  }

  /** Every record set of the zone (ListResourceRecordSets). */
  public synchronized List<DnsRecord> records(String zoneId) {
    return List.copyOf(zone(zoneId).records);
  }

  /** The record sets named exactly {@code name}, any type. */
  public synchronized List<DnsRecord> records(String zoneId, String name) {
    String n = HostNames.canonical(name);
    return zone(zoneId).records.stream().filter(r -> HostNames.canonical(r.name()).equals(n)).toList();
  }

  /** The next {@code calls} calls answer PriorRequestNotComplete. */
  public synchronized void refuseNext(int calls) {
    refuse = calls;
  }

  /**
   * ChangeResourceRecordSets: applies {@code batch} atomically or not at all.
   *
   * @return the change, PENDING
   * @throws DnsException {@code InvalidChangeBatch}, {@code NoSuchHostedZone}, {@code PriorRequestNotComplete}
   */
  public synchronized DnsChange change(String zoneId, List<Change> batch, String comment) {
    busy();
    Zone z = zone(zoneId);
    if (batch.isEmpty()) {
      throw new DnsException(DnsException.INVALID_CHANGE_BATCH, "a change batch needs at least one change");
    }
    List<DnsRecord> working = new ArrayList<>(z.records);
    List<String> problems = new ArrayList<>();
    for (Change c : batch) {
      DnsRecord r = c.record();
      requireInZone(z, r);
      switch (c.action()) {
        case DELETE -> {
          int at = indexOfExact(working, r);
          if (at < 0) {
            problems.add("Tried to delete resource record set [name='" + r.name() + "', type='" + r.type() + "'"
                + (r.setIdentifier() == null ? "" : ", set-identifier='" + r.setIdentifier() + "'") + "] but "
                + (indexOfSet(working, r) < 0 ? "it was not found" : "the values provided do not match the current values"));
          } else {
            working.remove(at);
          }
        }
        case CREATE -> {
          if (indexOfSet(working, r) >= 0) {
            problems.add("Tried to create resource record set [name='" + r.name() + "', type='" + r.type() + "'] but it already exists");
          } else {
            working.add(r);
          }
        }
        case UPSERT -> {
          int at = indexOfSet(working, r);
          if (at >= 0) {
            working.set(at, r);
          } else {
            working.add(r);
          }
        }
      }
    }
    Set<String> names = new HashSet<>();
    for (DnsRecord r : working) {
      names.add(HostNames.canonical(r.name()));
    }
    for (String name : names) {
      List<DnsRecord> at = working.stream().filter(r -> HostNames.canonical(r.name()).equals(name)).toList();
      if (at.stream().anyMatch(r -> r.type().equals("CNAME")) && at.stream().anyMatch(r -> !r.type().equals("CNAME"))) {
        problems.add("RRSet of type CNAME with DNS name " + name + ". is not permitted as it conflicts with other records with the same DNS name");
      }
    }
    if (!problems.isEmpty()) {
      throw new DnsException(DnsException.INVALID_CHANGE_BATCH, "[" + String.join(", ", problems) + "]");
    }
    z.records = working;
    String id;
    do {
      id = "C" + randomId(13);
    } while (changes.containsKey(id));
    Submitted s = new Submitted(id, clock.instant().plus(syncDelay), List.copyOf(working));
    z.pending.add(s);
    changes.put(id, s);
    return new DnsChange(id, DnsChange.PENDING);
  }

  /** GetChange: PENDING until the sync delay has passed, then INSYNC. */
  public synchronized DnsChange change(String changeId) {
    busy();
    Submitted s = changes.get(changeId);
    if (s == null) {
      throw new DnsException(DnsException.NO_SUCH_CHANGE, "A change with the specified change ID does not exist: " + changeId);
    }
    return new DnsChange(s.id(), clock.instant().isBefore(s.syncAt()) ? DnsChange.PENDING : DnsChange.INSYNC);
  }

  /**
   * What a resolver answers for {@code name} now, following CNAMEs and alias records across the
   * zones (as each zone was at its last INSYNC change) to the first name no zone holds: e.g.
   * {@code assets.example.com} → {@code d111111abcdef8.cloudfront.net}. Empty when the name is in a
   * zone but has no A, AAAA or CNAME record (NXDOMAIN / NODATA), or the chain loops.
   */
  public synchronized Optional<String> resolve(String name) {
    String n = HostNames.canonical(name);
    for (int hops = 0; hops < 8; hops++) {
      Zone z = zoneFor(n);
      if (z == null) {
        return Optional.of(n);
      }
      settle(z);
      String current = n;
      Optional<DnsRecord> r = z.resolvable.stream()
          .filter(x -> HostNames.canonical(x.name()).equals(current))
          .filter(x -> x.type().equals("CNAME") || x.type().equals("A") || x.type().equals("AAAA"))
          .filter(x -> x.aliasTarget() != null || x.type().equals("CNAME"))
          .findFirst();
      if (r.isEmpty()) {
        return Optional.empty();
      }
      n = HostNames.canonical(r.get().aliasTarget() != null ? r.get().aliasTarget().dnsName() : r.get().values().getFirst());
    }
    return Optional.empty();
  }

  /**
   * A resolver for {@link Viewers}: a name resolves to the edge when it leads (through {@link
   * #resolve}) to a distribution's own name that the edge serves; nothing else resolves.
   */
  public Function<String, Optional<InetSocketAddress>> resolverTo(LocalEdge edge) {
    return name -> resolve(name)
        .filter(target -> edge.distributions().stream().anyMatch(d -> HostNames.canonical(d.domainName()).equals(target)))
        .map(target -> edge.address());
  }

  private void settle(Zone z) {
    Instant now = clock.instant();
    while (!z.pending.isEmpty() && !now.isBefore(z.pending.getFirst().syncAt())) {
      z.resolvable = z.pending.removeFirst().after();
    }
  }

  private Zone zoneFor(String name) {
    Zone best = null;
    for (Zone z : zones.values()) {
      if ((name.equals(z.name) || name.endsWith("." + z.name)) && (best == null || z.name.length() > best.name.length())) {
        best = z;
      }
    }
    return best;
  }

  private void busy() {
    if (refuse > 0) {
      refuse--;
      throw new DnsException(DnsException.PRIOR_REQUEST_NOT_COMPLETE, "The request was rejected because Route 53 was still processing a prior request.");
    }
  }

  private Zone zone(String zoneId) {
    Zone z = zones.get(zoneId);
    if (z == null) {
      throw new DnsException(DnsException.NO_SUCH_HOSTED_ZONE, "No hosted zone found with ID: " + zoneId);
    }
    return z;
  }

  private static void requireInZone(Zone z, DnsRecord r) {
    String n = HostNames.canonical(r.name());
    if (!n.equals(z.name) && !n.endsWith("." + z.name)) {
      throw new DnsException(DnsException.INVALID_CHANGE_BATCH, "RRSet with DNS name " + r.name() + " is not permitted in zone " + z.name + ".");
    }
  }

  /** The record set with the same name, type and set identifier. */
  private static int indexOfSet(List<DnsRecord> records, DnsRecord r) {
    for (int i = 0; i < records.size(); i++) {
      DnsRecord x = records.get(i);
      if (HostNames.canonical(x.name()).equals(HostNames.canonical(r.name())) && x.type().equals(r.type())
          && Objects.equals(x.setIdentifier(), r.setIdentifier())) {
        return i;
      }
    }
    return -1;
  }

  /** The record set exactly as given: same set, TTL, values (any order) and alias target. */
  private static int indexOfExact(List<DnsRecord> records, DnsRecord r) {
    int i = indexOfSet(records, r);
    if (i < 0) {
      return -1;
    }
    DnsRecord x = records.get(i);
    boolean alias = x.aliasTarget() == null
        ? r.aliasTarget() == null
        : r.aliasTarget() != null && x.aliasTarget().hostedZoneId().equals(r.aliasTarget().hostedZoneId())
            && HostNames.canonical(x.aliasTarget().dnsName()).equals(HostNames.canonical(r.aliasTarget().dnsName()))
            && x.aliasTarget().evaluateTargetHealth() == r.aliasTarget().evaluateTargetHealth();
    boolean same = alias && Objects.equals(x.ttl(), r.ttl()) && new HashSet<>(x.values()).equals(new HashSet<>(r.values())) && x.values().size() == r.values().size();
    return same ? i : -1;
  }

  private String randomId(int length) {
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }
}
