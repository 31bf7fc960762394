package dev.cutover.cutover;

import dev.cutover.cutover.port.Certificate;
import dev.cutover.cutover.port.DnsRecord;
import dev.cutover.cutover.support.FakeCertificates;
import dev.cutover.cutover.support.FakeEdge;
import dev.cutover.cutover.support.FakeZone;
import dev.cutover.cutover.support.MemoryRecords;
import dev.cutover.plan.Plan;
import dev.cutover.plan.Plans;
import dev.cutover.testing.TestPlans;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The world of events/migrate.json in memory: blue serving assets.example.com (and
 * static.example.com) in account 111122223333, green holding *.example.com with an issued wildcard
 * certificate in 444455556666, and the zone's A and AAAA alias records (plus a TXT record at the
 * same name, which cutover must leave alone) pointing at blue.
 */
final class World {

  static final String HOST = "assets.example.com";
  static final String WILDCARD = "*.example.com";
  static final String BLUE = "E2QWRUHAPOMQZL";
  static final String GREEN = "E3ABCDEF123456";
  static final String BLUE_ACCOUNT = "111122223333";
  static final String GREEN_ACCOUNT = "444455556666";
  static final String BLUE_DOMAIN = "d111111abcdef8.cloudfront.net";
  static final String GREEN_DOMAIN = "d222222abcdef8.cloudfront.net";
  static final String ZONE = "Z0123456789ABCDEFGHIJ";
  static final String BLUE_CERT = "arn:aws:acm:us-east-1:111122223333:certificate/0f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0";
  static final String GREEN_CERT = "arn:aws:acm:us-east-1:444455556666:certificate/12345678-1234-1234-1234-123456789012";
  static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
  static final DnsRecord TXT = DnsRecord.withValues("assets.example.com.", "TXT", 300, List.of("\"owner=web-platform\""));

  final FakeEdge edge = new FakeEdge();
  final FakeZone zone;
  final FakeCertificates certificates = new FakeCertificates();
  final MemoryRecords records = new MemoryRecords();
  final List<Duration> sleeps = new ArrayList<>();
  final Plan plan = Plans.parse(TestPlans.json());
  final Migration migration = Migration.of(plan, null);

  private World(List<DnsRecord> routing) {
    edge.add(BLUE, BLUE_ACCOUNT, BLUE_DOMAIN, List.of(HOST, "static.example.com"), BLUE_CERT);
    edge.add(GREEN, GREEN_ACCOUNT, GREEN_DOMAIN, List.of(WILDCARD), GREEN_CERT);
    certificates.put(new Certificate(GREEN_CERT, "ISSUED", Instant.parse("2027-06-01T23:59:59Z"), List.of(WILDCARD, "example.com")));
    List<DnsRecord> initial = new ArrayList<>(routing);
    initial.add(TXT);
    initial.add(DnsRecord.withValues("www.example.com.", "CNAME", 300, List.of("web.example.net")));
    zone = new FakeZone(ZONE, initial);
  }

  /** Alias A and AAAA records to blue. */
  static World withAliasRecords() {
    return new World(
        List.of(
            DnsRecord.aliasToCloudFront("assets.example.com.", "A", BLUE_DOMAIN + "."),
            DnsRecord.aliasToCloudFront("assets.example.com.", "AAAA", BLUE_DOMAIN + ".")));
  }

  /** A CNAME to blue, as some legacy setups have. */
  static World withCname() {
    return new World(List.of(DnsRecord.withValues("assets.example.com.", "CNAME", 300, List.of(BLUE_DOMAIN))));
  }

  Ports ports() {
    return new Ports(edge, zone, certificates, records);
  }

  StepResult cutover(CutoverAction action) {
    return cutover(action, null, null);
  }

  StepResult cutover(CutoverAction action, String changeId, SideName side) {
    return new CutoverStep(ports(), Clock.fixed(NOW, ZoneOffset.UTC), Backoff.DEFAULT, sleeps::add)
        .run(action, migration, "arn:aws:states:us-east-1:444455556666:execution:cutover-migration:run-1", changeId, side);
  }

  StepResult rollback(RollbackAction action) {
    return rollback(action, null, null);
  }

  StepResult rollback(RollbackAction action, String changeId, SideName side) {
    return new RollbackStep(ports(), Backoff.DEFAULT, sleeps::add).run(action, migration, changeId, side);
  }

  /** The hostname's A, AAAA and CNAME record sets now. */
  List<DnsRecord> dns() {
    return DnsRecords.routing(zone.records(migration.zone(), HOST));
  }

  List<String> blueAliases() {
    return edge.get(BLUE).aliases;
  }

  List<String> greenAliases() {
    return edge.get(GREEN).aliases;
  }

  CutoverRecord record() {
    return CutoverRecord.parse(records.read(migration.record()).orElseThrow(), migration);
  }

  /** The cutover as the workflow runs it: each action, then its wait loop settled. */
  void cutOverCompletely() {
    cutover(CutoverAction.CHECK);
    cutover(CutoverAction.RECORD);
    cutover(CutoverAction.POINT_DNS);
    zone.syncAll();
    cutover(CutoverAction.DETACH_BLUE);
    edge.deployAll();
    cutover(CutoverAction.ATTACH_GREEN);
    edge.deployAll();
  }
}
