package dev.cutover.cutover.aws;

import dev.cutover.aws.AwsErrors;
import dev.cutover.cutover.port.AliasTarget;
import dev.cutover.cutover.port.DnsChange;
import dev.cutover.cutover.port.DnsRecord;
import dev.cutover.cutover.port.DnsZone;
import dev.cutover.cutover.port.RecordMismatchException;
import dev.cutover.cutover.port.ZoneBusyException;
import dev.cutover.cutover.port.ZoneRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * {@link DnsZone} over Route 53: ListResourceRecordSets from the name on, ChangeResourceRecordSets
 * with a DELETE of exactly what was read and a CREATE of the new value in one batch (Route 53
 * applies a batch all or nothing, and a DELETE that does not match the current values fails the
 * batch with InvalidChangeBatch: a compare-and-swap), and GetChange.
 *
 * <p>{@code PriorRequestNotComplete} (an earlier change to the zone is still being applied) and
 * throttling become {@link ZoneBusyException}, which the step retries with backoff.
 */
public final class Route53Zone implements DnsZone {

  private static final String PAGE_SIZE = "100";
  static final String PRIOR_REQUEST_NOT_COMPLETE = "PriorRequestNotComplete";

  private final Function<ZoneRef, Route53Client> clients;

  /** @param clients the client to reach a zone with (the zone account's role) */
  public Route53Zone(Function<ZoneRef, Route53Client> clients) {
    this.clients = clients;
  }

  @Override
  public List<DnsRecord> records(ZoneRef zone, String name) {
    Route53Client client = clients.apply(zone);
    List<DnsRecord> records = new ArrayList<>();
    String startName = name;
    String startType = null;
    String startIdentifier = null;
    while (true) {
      String n = startName;
      String t = startType;
      String i = startIdentifier;
      ListResourceRecordSetsResponse page;
      try {
        page =
            client.listResourceRecordSets(
                r -> r.hostedZoneId(zone.hostedZoneId()).startRecordName(n).startRecordType(t).startRecordIdentifier(i).maxItems(PAGE_SIZE));
      } catch (SdkException e) {
        throw translate(e, "ListResourceRecordSets on " + zone.hostedZoneId());
      }
      for (ResourceRecordSet set : page.resourceRecordSets()) {
        // The listing starts at the name and runs on in Route 53's order: stop at the next name.
        if (!canonical(set.name()).equals(canonical(name))) {
          return records;
        }
        records.add(fromRoute53(set));
      }
      if (!Boolean.TRUE.equals(page.isTruncated()) || !canonical(page.nextRecordName()).equals(canonical(name))) {
        return records;
      }
      startName = page.nextRecordName();
      startType = page.nextRecordTypeAsString();
      startIdentifier = page.nextRecordIdentifier();
    }
  }

  @Override
  public DnsChange replace(ZoneRef zone, List<DnsRecord> expected, List<DnsRecord> replacement, String comment) {
    List<Change> changes = new ArrayList<>();
    expected.forEach(r -> changes.add(Change.builder().action(ChangeAction.DELETE).resourceRecordSet(toRoute53(r)).build()));
    replacement.forEach(r -> changes.add(Change.builder().action(ChangeAction.CREATE).resourceRecordSet(toRoute53(r)).build()));
    ChangeInfo info;
    try {
      info =
          clients.apply(zone)
              .changeResourceRecordSets(r -> r.hostedZoneId(zone.hostedZoneId()).changeBatch(b -> b.comment(comment).changes(changes)))
              .changeInfo();
    } catch (AwsServiceException e) {
      if (e.awsErrorDetails() != null && "InvalidChangeBatch".equals(e.awsErrorDetails().errorCode())) {
        throw new RecordMismatchException("Route 53 refused the change batch: " + e.awsErrorDetails().errorMessage(), e);
      }
      throw translate(e, "ChangeResourceRecordSets on " + zone.hostedZoneId());
    } catch (SdkException e) {
      throw translate(e, "ChangeResourceRecordSets on " + zone.hostedZoneId());
    }
    return toChange(info);
  }

  @Override
  public DnsChange change(ZoneRef zone, String changeId) {
    try {
      return toChange(clients.apply(zone).getChange(r -> r.id(changeId)).changeInfo());
    } catch (SdkException e) {
      throw translate(e, "GetChange " + changeId);
    }
  }

  /**
   * Busy zones become {@link ZoneBusyException}. PriorRequestNotComplete is named explicitly: the
   * SDK counts it as retryable but not as throttling, and the shared translation would call a 400
   * final.
   */
  private static RuntimeException translate(SdkException e, String call) {
    if (e instanceof AwsServiceException service) {
      String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
      if (PRIOR_REQUEST_NOT_COMPLETE.equals(code) || service.isThrottlingException()) {
        return new ZoneBusyException(call + " answered " + (code == null ? "HTTP " + service.statusCode() : code), e);
      }
    }
    return AwsErrors.translate(e, call);
  }

  private static DnsChange toChange(ChangeInfo info) {
    String id = info.id();
    // The SDK strips "/change/" already; a local stand-in may not.
    if (id != null && id.startsWith("/change/")) {
      id = id.substring("/change/".length());
    }
    return new DnsChange(id, info.statusAsString());
  }

  static DnsRecord fromRoute53(ResourceRecordSet set) {
    AliasTarget alias =
        set.aliasTarget() == null
            ? null
            : new AliasTarget(
                set.aliasTarget().hostedZoneId(), set.aliasTarget().dnsName(), Boolean.TRUE.equals(set.aliasTarget().evaluateTargetHealth()));
    return new DnsRecord(
        set.name(),
        set.typeAsString(),
        set.setIdentifier(),
        set.ttl(),
        set.resourceRecords().stream().map(ResourceRecord::value).toList(),
        alias);
  }

  static ResourceRecordSet toRoute53(DnsRecord r) {
    ResourceRecordSet.Builder b = ResourceRecordSet.builder().name(r.name()).type(r.type());
    if (r.setIdentifier() != null) {
      b.setIdentifier(r.setIdentifier());
    }
    if (r.aliasTarget() != null) {
      b.aliasTarget(
          a -> a.hostedZoneId(r.aliasTarget().hostedZoneId()).dnsName(r.aliasTarget().dnsName()).evaluateTargetHealth(r.aliasTarget().evaluateTargetHealth()));
    } else {
      b.ttl(r.ttl()).resourceRecords(r.values().stream().map(v -> ResourceRecord.builder().value(v).build()).toList());
    }
    return b.build();
  }

  private static String canonical(String name) {
    if (name == null) {
      return "";
    }
    String lower = name.strip().toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
