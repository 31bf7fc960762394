package dev.cutover.cutover.support;

import dev.cutover.cutover.port.DnsChange;
import dev.cutover.cutover.port.DnsRecord;
import dev.cutover.cutover.port.DnsZone;
import dev.cutover.cutover.port.RecordMismatchException;
import dev.cutover.cutover.port.ZoneBusyException;
import dev.cutover.cutover.port.ZoneRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A Route 53 hosted zone in memory with the rules the cutover relies on: a change batch applies
 * all or nothing; a DELETE matches only a record set exactly as held; a CREATE of a record set that
 * exists fails the batch; a change is PENDING until synced; a busy zone refuses a number of calls.
 */
public final class FakeZone implements DnsZone {

  private final String zoneId;
  private final List<DnsRecord> records = new ArrayList<>();
  private final Map<String, String> changes = new LinkedHashMap<>();
  private final Deque<Runnable> beforeReplace = new ArrayDeque<>();
  private int busy;
  private int refusedBusy;
  private int applied;

  public FakeZone(String zoneId, List<DnsRecord> initial) {
    this.zoneId = zoneId;
    records.addAll(initial);
  }

  /** The next {@code calls} change batches answer PriorRequestNotComplete. */
  public void busyFor(int calls) {
    busy = calls;
  }

  /** Runs {@code interference} just before the next change batch is checked. */
  public void beforeNextReplace(Runnable interference) {
    beforeReplace.add(interference);
  }

  /** The next change batch is refused with {@code message}, changing nothing. */
  public void refuseNext(String message) {
    beforeReplace.add(() -> {
      throw new RecordMismatchException(message, null);
    });
  }

  /** Someone else sets the record sets named {@code name} to {@code replacement}. */
  public void overwrite(String name, List<DnsRecord> replacement) {
    records.removeIf(r -> canonical(r.name()).equals(canonical(name)) && !r.type().equals("TXT"));
    records.addAll(replacement);
  }

  public List<DnsRecord> all() {
    return List.copyOf(records);
  }

  public void syncAll() {
    changes.replaceAll((id, status) -> DnsChange.INSYNC);
  }

  /** Change batches applied. */
  public int applied() {
    return applied;
  }

  /** Change batches refused as busy. */
  public int refusedBusy() {
    return refusedBusy;
  }

  @Override
  public List<DnsRecord> records(ZoneRef zone, String name) {
    check(zone);
    return records.stream().filter(r -> canonical(r.name()).equals(canonical(name))).toList();
  }

  @Override
  public DnsChange replace(ZoneRef zone, List<DnsRecord> expected, List<DnsRecord> replacement, String comment) {
    check(zone);
    if (busy > 0) {
      busy--;
      refusedBusy++;
      throw new ZoneBusyException("PriorRequestNotComplete", null);
    }
    if (!beforeReplace.isEmpty()) {
      beforeReplace.poll().run();
    }
    List<DnsRecord> working = new ArrayList<>(records);
    for (DnsRecord r : expected) {
      if (!working.remove(r)) {
        throw new RecordMismatchException("Tried to delete resource record set [name='" + r.name() + "', type='" + r.type() + "'] but the values provided do not match the current values", null);
      }
    }
    for (DnsRecord r : replacement) {
      boolean exists =
          working.stream()
              .anyMatch(w -> canonical(w.name()).equals(canonical(r.name())) && w.type().equals(r.type()) && Objects.equals(w.setIdentifier(), r.setIdentifier()));
      if (exists) {
        throw new RecordMismatchException("Tried to create resource record set [name='" + r.name() + "', type='" + r.type() + "'] but it already exists", null);
      }
      working.add(r);
    }
    records.clear();
    records.addAll(working);
    applied++;
    String id = "C" + String.format("%013d", changes.size() + 1);
    changes.put(id, DnsChange.PENDING);
    return new DnsChange(id, DnsChange.PENDING);
  }

  @Override
  public DnsChange change(ZoneRef zone, String changeId) {
    check(zone);
    String status = changes.get(changeId);
    if (status == null) {
      throw new AssertionError("no change " + changeId);
    }
    return new DnsChange(changeId, status);
  }

  private void check(ZoneRef zone) {
    if (!zone.hostedZoneId().equals(zoneId)) {
      throw new AssertionError("no zone " + zone.hostedZoneId());
    }
  }

  private static String canonical(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
