package dev.cutover.local.edge.ports;

import static dev.cutover.local.edge.ports.MigrationWorld.BLUE;
import static dev.cutover.local.edge.ports.MigrationWorld.BLUE_ACCOUNT;
import static dev.cutover.local.edge.ports.MigrationWorld.BLUE_DOMAIN;
import static dev.cutover.local.edge.ports.MigrationWorld.GREEN;
import static dev.cutover.local.edge.ports.MigrationWorld.GREEN_ACCOUNT;
import static dev.cutover.local.edge.ports.MigrationWorld.GREEN_DOMAIN;
import static dev.cutover.local.edge.ports.MigrationWorld.HOST;
import static dev.cutover.local.edge.ports.MigrationWorld.SYNC;
import static dev.cutover.local.edge.ports.MigrationWorld.ZONE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.cutover.port.AliasHolder;
import dev.cutover.cutover.port.AliasTakenException;
import dev.cutover.cutover.port.CertificateRef;
import dev.cutover.cutover.port.DistributionRef;
import dev.cutover.cutover.port.DnsChange;
import dev.cutover.cutover.port.DnsRecord;
import dev.cutover.cutover.port.RecordMismatchException;
import dev.cutover.cutover.port.VersionConflictException;
import dev.cutover.cutover.port.ZoneBusyException;
import dev.cutover.cutover.port.ZoneRef;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.local.edge.LocalDnsZone.Action;
import dev.cutover.local.edge.LocalDnsZone.Change;
import dev.cutover.local.edge.LocalDnsZone;
import dev.cutover.testing.EmbeddedS3;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The cutover's ports on the local stand-ins, against each port's contract. */
@ExtendWith(EmbeddedS3.class)
class CutoverPortsTest {

  static final DistributionRef BLUE_REF = new DistributionRef(BLUE, BLUE_ACCOUNT, "arn:aws:iam::111122223333:role/cutover-source", "m");
  static final DistributionRef GREEN_REF = new DistributionRef(GREEN, GREEN_ACCOUNT, "arn:aws:iam::444455556666:role/cutover-target", "m");
  static final ZoneRef ZONE_REF = new ZoneRef(ZONE, "arn:aws:iam::444455556666:role/cutover-target", "m");
  static final List<DnsRecord> AT_BLUE = List.of(
      DnsRecord.aliasToCloudFront("assets.example.com.", "A", BLUE_DOMAIN + "."),
      DnsRecord.aliasToCloudFront("assets.example.com.", "AAAA", BLUE_DOMAIN + "."));
  static final List<DnsRecord> AT_GREEN = List.of(
      DnsRecord.aliasToCloudFront("assets.example.com.", "A", GREEN_DOMAIN + "."),
      DnsRecord.aliasToCloudFront("assets.example.com.", "AAAA", GREEN_DOMAIN + "."));

  private final MigrationWorld world = new MigrationWorld();
  private final CutoverDistributions distributions = new CutoverDistributions(world.edge);
  private final CutoverZone zone = new CutoverZone(world.zone);

  @AfterEach
  void stop() {
    world.close();
  }

  @Test
  void describe_reports_status_aliases_certificate_and_ipv6() {
    var green = distributions.describe(GREEN_REF);

    assertThat(green.domainName()).isEqualTo(GREEN_DOMAIN);
    assertThat(green.deployed()).isTrue();
    assertThat(green.enabled()).isTrue();
    assertThat(green.ipv6Enabled()).isTrue();
    assertThat(green.aliases()).containsExactly("*.example.com");
    assertThat(green.acmCertificateArn()).isEqualTo(MigrationWorld.GREEN_CERT);
    assertThat(green.certificateSource()).isEqualTo("acm");
    assertThat(world.certificates.describe(new CertificateRef(green.acmCertificateArn(), GREEN_REF.roleArn(), "m")).subjectAlternativeNames())
        .contains("*.example.com");
    assertThatThrownBy(() -> distributions.describe(new DistributionRef(GREEN, BLUE_ACCOUNT, "r", "m")))
        .isInstanceOf(PreconditionFailedException.class).hasMessageContaining("is in account 444455556666");
    assertThatThrownBy(() -> world.certificates.describe(new CertificateRef("arn:aws:acm:us-east-1:1:certificate/x", "r", "m")))
        .isInstanceOf(PreconditionFailedException.class);
  }

  @Test
  void an_edit_writes_only_the_aliases_and_is_in_progress_until_deployed() {
    var before = world.edge.distribution(BLUE);

    var edit = distributions.editAliases(BLUE_REF, a -> a.stream().filter(x -> !x.equals(HOST)).toList());

    assertThat(edit.changed()).isTrue();
    assertThat(edit.before()).containsExactly(HOST, "static.example.com");
    assertThat(edit.after()).containsExactly("static.example.com");
    var after = world.edge.distribution(BLUE);
    assertThat(after.etag()).isNotEqualTo(before.etag());
    assertThat(after.config().toBuilder().aliases(before.config().aliases()).build()).as("nothing else changed").isEqualTo(before.config());
    assertThat(distributions.describe(BLUE_REF).status()).isEqualTo("InProgress");
    assertThat(distributions.editAliases(BLUE_REF, a -> a).changed()).as("no change, no write").isFalse();
  }

  @Test
  void a_write_between_the_read_and_the_write_is_a_version_conflict_and_writes_nothing() {
    assertThatThrownBy(() -> distributions.editAliases(GREEN_REF, aliases -> {
      // Someone else updates green while the edit is being computed.
      var now = world.edge.distribution(GREEN);
      world.edge.updateDistribution(GREEN, now.config().toBuilder().comment("someone else").build(), now.etag());
      return Stream.concat(aliases.stream(), Stream.of("extra.example.com")).toList();
    })).isInstanceOf(VersionConflictException.class);

    assertThat(world.edge.distribution(GREEN).aliases()).containsExactly("*.example.com");
  }

  @Test
  void adding_an_alias_another_distribution_holds_is_alias_taken_and_holders_mask_other_accounts() {
    assertThatThrownBy(() -> distributions.editAliases(GREEN_REF, a -> List.of("*.example.com", HOST)))
        .isInstanceOf(AliasTakenException.class).hasMessageContaining("CNAMEAlreadyExists");

    List<AliasHolder> seenByGreen = distributions.holders(GREEN_REF, HOST);
    assertThat(seenByGreen).extracting(AliasHolder::alias).containsExactlyInAnyOrder(HOST, "*.example.com");
    AliasHolder blueHolder = seenByGreen.stream().filter(h -> h.alias().equals(HOST)).findFirst().orElseThrow();
    assertThat(blueHolder.resourceId()).startsWith("*").isNotEqualTo(BLUE);
    assertThat(blueHolder.couldBe(BLUE, BLUE_ACCOUNT)).isTrue();
    assertThat(blueHolder.couldBe(GREEN, GREEN_ACCOUNT)).isFalse();
    AliasHolder own = seenByGreen.stream().filter(h -> h.alias().equals("*.example.com")).findFirst().orElseThrow();
    assertThat(own.resourceId()).isEqualTo(GREEN);
  }

  @Test
  void replace_is_a_compare_and_swap_that_syncs_on_the_clock() {
    assertThat(zone.records(ZONE_REF, "ASSETS.example.com")).hasSize(3);

    DnsChange change = zone.replace(ZONE_REF, AT_BLUE, AT_GREEN, "point at green");

    assertThat(change.id()).matches("C[A-Z0-9]{13}");
    assertThat(change.status()).isEqualTo(DnsChange.PENDING);
    assertThat(zone.records(ZONE_REF, HOST)).containsAll(AT_GREEN).doesNotContainAnyElementsOf(AT_BLUE);
    assertThat(zone.change(ZONE_REF, change.id()).status()).isEqualTo(DnsChange.PENDING);
    world.clock.advance(SYNC);
    assertThat(zone.change(ZONE_REF, change.id()).status()).isEqualTo(DnsChange.INSYNC);

    // The same swap again no longer matches: nothing changes.
    assertThatThrownBy(() -> zone.replace(ZONE_REF, AT_BLUE, AT_GREEN, "again"))
        .isInstanceOf(RecordMismatchException.class).hasMessageContaining("Tried to delete resource record set");
    assertThat(zone.records(ZONE_REF, HOST)).containsAll(AT_GREEN);
  }

  @Test
  void a_batch_with_one_bad_change_changes_nothing() {
    DnsRecord ttlDiffers = DnsRecord.withValues("assets.example.com.", "TXT", 60, List.of("\"owner=web-platform\""));
    List<DnsRecord> expected = Stream.concat(AT_BLUE.stream(), Stream.of(ttlDiffers)).toList();

    assertThatThrownBy(() -> zone.replace(ZONE_REF, expected, AT_GREEN, "x"))
        .isInstanceOf(RecordMismatchException.class).hasMessageContaining("do not match the current values");
    assertThat(zone.records(ZONE_REF, HOST)).containsAll(AT_BLUE);

    // A CNAME beside the A records at the same name is refused.
    assertThatThrownBy(() -> world.zone.change(ZONE, List.of(new Change(Action.CREATE, DnsRecord.withValues(HOST + ".", "CNAME", 300, List.of(GREEN_DOMAIN)))), "x"))
        .isInstanceOfSatisfying(LocalDnsZone.DnsException.class, e -> assertThat(e.code()).isEqualTo("InvalidChangeBatch"));
  }

  @Test
  void a_busy_zone_is_zone_busy_and_an_unknown_zone_a_precondition() {
    world.zone.refuseNext(1);
    assertThatThrownBy(() -> zone.replace(ZONE_REF, AT_BLUE, AT_GREEN, "x")).isInstanceOf(ZoneBusyException.class);
    assertThat(zone.replace(ZONE_REF, AT_BLUE, AT_GREEN, "x").status()).isEqualTo(DnsChange.PENDING);

    assertThatThrownBy(() -> zone.records(new ZoneRef("ZNOPE", "r", "m"), HOST))
        .isInstanceOf(PreconditionFailedException.class).hasMessageContaining("NoSuchHostedZone");
  }

  @Test
  void the_resolver_follows_records_to_a_distribution_the_edge_serves_and_nothing_else() {
    var resolver = world.zone.resolverTo(world.edge);

    assertThat(resolver.apply(HOST)).hasValue(world.edge.address());
    assertThat(resolver.apply(GREEN_DOMAIN)).hasValue(world.edge.address());
    assertThat(resolver.apply("nothing.example.com")).as("in the zone, no record").isEmpty();
    assertThat(resolver.apply("www.example.org")).as("outside every zone, not a distribution").isEmpty();
  }
}
