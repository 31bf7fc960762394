package dev.cutover.local.edge.ports;

import dev.cutover.cutover.port.DnsChange;
import dev.cutover.cutover.port.DnsRecord;
import dev.cutover.cutover.port.DnsZone;
import dev.cutover.cutover.port.RecordMismatchException;
import dev.cutover.cutover.port.ZoneBusyException;
import dev.cutover.cutover.port.ZoneRef;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.local.edge.LocalDnsZone.Action;
import dev.cutover.local.edge.LocalDnsZone.Change;
import dev.cutover.local.edge.LocalDnsZone.DnsException;
import dev.cutover.local.edge.LocalDnsZone;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The cutover's {@link DnsZone} on the local zone, as {@code Route53Zone} does it on Route 53: a
 * replace is one change batch of a DELETE for each expected record set and a CREATE for each
 * replacement, so it applies only when the zone holds exactly what was expected. {@code
 * InvalidChangeBatch} becomes {@link RecordMismatchException}, {@code PriorRequestNotComplete}
 * {@link ZoneBusyException}.
 */
public final class CutoverZone implements DnsZone {

  private final LocalDnsZone zone;

  public CutoverZone(LocalDnsZone zone) {
    this.zone = zone;
  }

  @Override
  public List<DnsRecord> records(ZoneRef ref, String name) {
    return call(() -> zone.records(ref.hostedZoneId(), name));
  }

  @Override
  public DnsChange replace(ZoneRef ref, List<DnsRecord> expected, List<DnsRecord> replacement, String comment) {
    List<Change> batch = new ArrayList<>();
    expected.forEach(r -> batch.add(new Change(Action.DELETE, r)));
    replacement.forEach(r -> batch.add(new Change(Action.CREATE, r)));
    return call(() -> zone.change(ref.hostedZoneId(), batch, comment));
  }

  @Override
  public DnsChange change(ZoneRef ref, String changeId) {
    return call(() -> zone.change(changeId));
  }

  private static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (DnsException e) {
      switch (e.code()) {
        case DnsException.INVALID_CHANGE_BATCH -> throw new RecordMismatchException(e.getMessage(), e);
        case DnsException.PRIOR_REQUEST_NOT_COMPLETE -> throw new ZoneBusyException(e.getMessage(), e);
        default -> throw new PreconditionFailedException(e.getMessage() + ". Check dns.hostedZoneId in the plan.", e);
      }
    }
  }
}
