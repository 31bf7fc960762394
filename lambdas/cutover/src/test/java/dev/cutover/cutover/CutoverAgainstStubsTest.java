package dev.cutover.cutover;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.cutover.cutover.World.BLUE;
import static dev.cutover.cutover.World.BLUE_ACCOUNT;
import static dev.cutover.cutover.World.BLUE_CERT;
import static dev.cutover.cutover.World.BLUE_DOMAIN;
import static dev.cutover.cutover.World.GREEN;
import static dev.cutover.cutover.World.GREEN_ACCOUNT;
import static dev.cutover.cutover.World.GREEN_CERT;
import static dev.cutover.cutover.World.GREEN_DOMAIN;
import static dev.cutover.cutover.World.HOST;
import static dev.cutover.cutover.World.WILDCARD;
import static dev.cutover.cutover.World.ZONE;
import static dev.cutover.cutover.support.AwsStubs.text;
import static dev.cutover.cutover.support.AwsStubs.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.cutover.StepResult.Outcome;
import dev.cutover.cutover.aws.AcmCertificates;
import dev.cutover.cutover.aws.CloudFrontDistributions;
import dev.cutover.cutover.aws.Route53Zone;
import dev.cutover.cutover.support.AwsStubs;
import dev.cutover.cutover.support.CloudFrontXml;
import dev.cutover.cutover.support.MemoryRecords;
import dev.cutover.cutover.support.Route53Xml;
import dev.cutover.errors.ConcurrentChangeException;
import dev.cutover.plan.Plans;
import dev.cutover.testing.TestPlans;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * The cutover and rollback actions with the real CloudFront, Route 53 and ACM adapters against
 * WireMock stand-ins answering as the API references show: the races and refusals the real
 * services produce, and what goes over the wire in answer.
 */
class CutoverAgainstStubsTest {

  static final String BLUE_DISTRIBUTION = "/2020-05-31/distribution/" + BLUE;
  static final String GREEN_DISTRIBUTION = "/2020-05-31/distribution/" + GREEN;
  static final String RRSET = "/2013-04-01/hostedzone/" + ZONE + "/rrset";

  @RegisterExtension static final WireMockExtension CLOUDFRONT = AwsStubs.server();
  @RegisterExtension static final WireMockExtension ROUTE53 = AwsStubs.server();
  @RegisterExtension static final WireMockExtension ACM = AwsStubs.server();

  private static CloudFrontClient cloudFront;
  private static Route53Client route53;
  private static AcmClient acm;

  private final List<Duration> sleeps = new ArrayList<>();
  private MemoryRecords records;
  private Migration migration;

  @BeforeAll
  static void clients() {
    cloudFront = AwsStubs.cloudFront(CLOUDFRONT);
    route53 = AwsStubs.route53(ROUTE53);
    acm = AwsStubs.acm(ACM);
  }

  @AfterAll
  static void close() {
    cloudFront.close();
    route53.close();
    acm.close();
  }

  @BeforeEach
  void world() {
    records = new MemoryRecords();
    migration = Migration.of(Plans.parse(TestPlans.json()), null);
  }

  @Test
  void check_against_the_apis_reads_both_distributions_the_certificate_the_records_and_the_conflicts() {
    stubDistribution(BLUE, BLUE_ACCOUNT, BLUE_DOMAIN, "Deployed", List.of(HOST, "static.example.com"), BLUE_CERT);
    stubDistribution(GREEN, GREEN_ACCOUNT, GREEN_DOMAIN, "Deployed", List.of(WILDCARD), GREEN_CERT);
    stubRecords(Route53Xml.aliasRecord("assets.example.com.", "A", BLUE_DOMAIN + "."));
    ACM.stubFor(
        post(urlEqualTo("/"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"Certificate\": {\"CertificateArn\": \"" + GREEN_CERT + "\", \"DomainName\": \"*.example.com\","
                            + " \"SubjectAlternativeNames\": [\"*.example.com\"], \"Status\": \"ISSUED\", \"NotAfter\": 1797983999.0,"
                            + " \"Type\": \"AMAZON_ISSUED\"}}")));
    CLOUDFRONT.stubFor(
        post("/2020-05-31/domain-conflicts")
            .willReturn(
                aResponse()
                    .withBody(
                        CloudFrontXml.domainConflicts(
                            new String[] {HOST, "distribution", "*******APOMQZL", "******223333"},
                            new String[] {WILDCARD, "distribution", GREEN, GREEN_ACCOUNT}))));

    CheckReport report = cutover(CutoverAction.CHECK).check();

    assertThat(report.phase()).isEqualTo("NOT_STARTED");
    assertThat(report.blueHoldsAlias()).isTrue();
    assertThat(report.greenHoldsWildcard()).isTrue();
    assertThat(report.certificateExpires()).isEqualTo("2026-12-22T23:59:59Z");
    assertThat(report.records()).isEqualTo("A alias → " + BLUE_DOMAIN);
    assertThat(report.overlappingAliases()).hasSize(2);
    assertThat(CLOUDFRONT.findAll(putRequestedFor(urlPathEqualTo(BLUE_DISTRIBUTION + "/config")))).as("CHECK is read-only").isEmpty();
    assertThat(ROUTE53.findAll(postRequestedFor(urlPathEqualTo(RRSET + "/")))).isEmpty();
  }

  @Test
  void cname_already_exists_on_attach_names_the_distribution_holding_the_alias() {
    record();
    stubDistribution(BLUE, BLUE_ACCOUNT, BLUE_DOMAIN, "Deployed", List.of("static.example.com"), BLUE_CERT);
    CLOUDFRONT.stubFor(get(GREEN_DISTRIBUTION + "/config").willReturn(config("E1GREEN", "platform assets", List.of(WILDCARD), GREEN_CERT)));
    CLOUDFRONT.stubFor(
        put(GREEN_DISTRIBUTION + "/config")
            .willReturn(
                aResponse()
                    .withStatus(409)
                    .withBody(CloudFrontXml.error("CNAMEAlreadyExists", "One or more of the CNAMEs you provided are already associated with a different resource."))));
    CLOUDFRONT.stubFor(
        post("/2020-05-31/domain-conflicts")
            .willReturn(
                aResponse()
                    .withBody(
                        CloudFrontXml.domainConflicts(
                            new String[] {HOST, "distribution", "*******PARTY01", "******887777"},
                            new String[] {WILDCARD, "distribution", GREEN, GREEN_ACCOUNT}))));

    assertThatThrownBy(() -> cutover(CutoverAction.ATTACH_GREEN))
        .isInstanceOf(ConcurrentChangeException.class)
        .hasMessageContaining("CloudFront refused to add assets.example.com to green's distribution " + GREEN + " (CNAMEAlreadyExists)")
        .hasMessageContaining("it is held by assets.example.com on distribution *******PARTY01 (account ******887777)")
        .hasMessageNotContaining("*.example.com on distribution");

    assertThat(CLOUDFRONT.findAll(putRequestedFor(urlEqualTo(GREEN_DISTRIBUTION + "/config")))).as("a refusal is not retried").hasSize(1);
    Document asked = AwsStubs.xml(CLOUDFRONT.findAll(postRequestedFor(urlEqualTo("/2020-05-31/domain-conflicts"))).getFirst());
    assertThat(text(asked, "/ListDomainConflictsRequest/Domain")).isEqualTo(HOST);
    assertThat(text(asked, "/ListDomainConflictsRequest/DomainControlValidationResource/DistributionId")).isEqualTo(GREEN);
  }

  @Test
  void precondition_failed_once_then_success_makes_exactly_one_effective_update_on_the_new_version() {
    record();
    stubDistribution(GREEN, GREEN_ACCOUNT, GREEN_DOMAIN, "Deployed", List.of(WILDCARD), GREEN_CERT);
    String path = BLUE_DISTRIBUTION + "/config";
    CLOUDFRONT.stubFor(
        get(path).inScenario("etag race").whenScenarioStateIs(Scenario.STARTED)
            .willReturn(config("E1BLUE", "legacy assets", List.of(HOST, "static.example.com"), BLUE_CERT)));
    CLOUDFRONT.stubFor(
        put(path).inScenario("etag race").whenScenarioStateIs(Scenario.STARTED)
            .withHeader("If-Match", equalTo("E1BLUE"))
            .willReturn(aResponse().withStatus(412).withBody(CloudFrontXml.error("PreconditionFailed", "The precondition given in one or more of the request-header fields evaluated to false.")))
            .willSetStateTo("changed by the web team"));
    CLOUDFRONT.stubFor(
        get(path).inScenario("etag race").whenScenarioStateIs("changed by the web team")
            .willReturn(config("E2BLUE", "legacy assets, logging on", List.of(HOST, "static.example.com"), BLUE_CERT)));
    CLOUDFRONT.stubFor(
        put(path).inScenario("etag race").whenScenarioStateIs("changed by the web team")
            .withHeader("If-Match", equalTo("E2BLUE"))
            .willReturn(
                aResponse()
                    .withHeader("ETag", "E3BLUE")
                    .withBody(CloudFrontXml.distribution(BLUE, BLUE_ACCOUNT, BLUE_DOMAIN, "InProgress",
                        CloudFrontXml.configBody("ref", "legacy assets, logging on", List.of("static.example.com"), true, BLUE_CERT, null)))));

    StepResult result = cutover(CutoverAction.DETACH_BLUE);

    assertThat(result.outcome()).isEqualTo(Outcome.ALIAS_REMOVED);
    assertThat(result.aliases()).containsExactly("static.example.com");
    assertThat(result.retries()).isEqualTo(1);
    List<LoggedRequest> updates = CLOUDFRONT.findAll(putRequestedFor(urlEqualTo(path)));
    assertThat(updates).extracting(r -> r.getHeader("If-Match")).containsExactly("E1BLUE", "E2BLUE");
    Document effective = AwsStubs.xml(updates.get(1));
    assertThat(texts(effective, "/DistributionConfig/Aliases/Items/CNAME")).containsExactly("static.example.com");
    assertThat(text(effective, "/DistributionConfig/Comment"))
        .as("the update is recomputed on the new version, keeping the other writer's change")
        .isEqualTo("legacy assets, logging on");
    assertThat(sleeps).hasSize(1);
  }

  @Test
  void prior_request_not_complete_five_times_then_one_record_change() {
    record();
    String change = RRSET + "/";
    String state = Scenario.STARTED;
    for (int i = 1; i <= 5; i++) {
      ROUTE53.stubFor(
          post(urlPathEqualTo(change)).inScenario("busy zone").whenScenarioStateIs(state)
              .willReturn(aResponse().withStatus(400).withBody(Route53Xml.error("PriorRequestNotComplete", "The request was rejected because Route 53 was still processing a prior request.")))
              .willSetStateTo("refused " + i));
      state = "refused " + i;
    }
    ROUTE53.stubFor(
        post(urlPathEqualTo(change)).inScenario("busy zone").whenScenarioStateIs(state)
            .willReturn(aResponse().withBody(Route53Xml.changeResponse("C2682N5HXP0BZ4", "PENDING")))
            .willSetStateTo("changed"));

    StepResult result = cutover(CutoverAction.POINT_DNS);

    assertThat(result.outcome()).isEqualTo(Outcome.DNS_CHANGE_SUBMITTED);
    assertThat(result.changeId()).isEqualTo("C2682N5HXP0BZ4");
    assertThat(result.retries()).isEqualTo(5);
    assertThat(sleeps).hasSize(5);
    List<LoggedRequest> attempts = ROUTE53.findAll(postRequestedFor(urlPathEqualTo(change)));
    assertThat(attempts).hasSize(6);
    assertThat(attempts).extracting(LoggedRequest::getBodyAsString).as("every attempt is the same compare-and-swap").containsOnly(attempts.getFirst().getBodyAsString());
    Document batch = AwsStubs.xml(attempts.getLast());
    String changes = "/ChangeResourceRecordSetsRequest/ChangeBatch/Changes/Change";
    assertThat(texts(batch, changes + "/Action")).containsExactly("DELETE", "DELETE", "CREATE", "CREATE");
    assertThat(texts(batch, changes + "/ResourceRecordSet/AliasTarget/DNSName"))
        .containsExactly(BLUE_DOMAIN + ".", BLUE_DOMAIN + ".", GREEN_DOMAIN + ".", GREEN_DOMAIN + ".");
  }

  @Test
  void a_record_changed_by_someone_else_mid_run_aborts_with_what_it_now_holds() {
    record();
    ROUTE53.resetAll();
    ROUTE53.stubFor(
        get(urlPathEqualTo(RRSET)).inScenario("someone else").whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withBody(
                        Route53Xml.listRecords(
                            List.of(
                                Route53Xml.aliasRecord("assets.example.com.", "A", BLUE_DOMAIN + "."),
                                Route53Xml.aliasRecord("assets.example.com.", "AAAA", BLUE_DOMAIN + ".")),
                            null))));
    ROUTE53.stubFor(
        post(urlPathEqualTo(RRSET + "/")).inScenario("someone else").whenScenarioStateIs(Scenario.STARTED)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(Route53Xml.error("InvalidChangeBatch", "[Tried to delete resource record set [name='assets.example.com.', type='A'] but it was not found]")))
            .willSetStateTo("maintenance page"));
    ROUTE53.stubFor(
        get(urlPathEqualTo(RRSET)).inScenario("someone else").whenScenarioStateIs("maintenance page")
            .willReturn(aResponse().withBody(Route53Xml.listRecords(List.of(Route53Xml.valueRecord("assets.example.com.", "CNAME", 60, "maintenance.example.net")), null))));

    assertThatThrownBy(() -> cutover(CutoverAction.POINT_DNS))
        .isInstanceOf(ConcurrentChangeException.class)
        .hasMessageContaining("The record assets.example.com in hosted zone " + ZONE + " was changed by someone else")
        .hasMessageContaining("it now holds CNAME maintenance.example.net (TTL 60)")
        .hasMessageContaining("nothing was changed");
    assertThat(ROUTE53.findAll(postRequestedFor(urlPathEqualTo(RRSET + "/")))).as("never retried over someone else's value").hasSize(1);
  }

  @Test
  void rollback_after_a_half_done_cutover_puts_back_exactly_the_recorded_aliases_and_records() {
    record();
    // The cutover stopped after DETACH_BLUE: the record points at green, nobody holds the alias.
    CLOUDFRONT.resetAll();
    ROUTE53.resetAll();
    CLOUDFRONT.stubFor(get(GREEN_DISTRIBUTION + "/config").willReturn(config("E7GREEN", "platform assets", List.of(WILDCARD), GREEN_CERT)));
    stubDistribution(GREEN, GREEN_ACCOUNT, GREEN_DOMAIN, "Deployed", List.of(WILDCARD), GREEN_CERT);
    CLOUDFRONT.stubFor(get(BLUE_DISTRIBUTION + "/config").willReturn(config("E5BLUE", "legacy assets", List.of("static.example.com"), BLUE_CERT)));
    CLOUDFRONT.stubFor(
        put(BLUE_DISTRIBUTION + "/config")
            .willReturn(aResponse().withHeader("ETag", "E6BLUE").withBody(CloudFrontXml.distribution(BLUE, BLUE_ACCOUNT, BLUE_DOMAIN, "InProgress",
                CloudFrontXml.configBody("ref", "legacy assets", List.of(HOST, "static.example.com"), true, BLUE_CERT, null)))));
    stubRecords(
        Route53Xml.aliasRecord("assets.example.com.", "A", GREEN_DOMAIN + "."),
        Route53Xml.aliasRecord("assets.example.com.", "AAAA", GREEN_DOMAIN + "."));
    ROUTE53.stubFor(post(urlPathEqualTo(RRSET + "/")).willReturn(aResponse().withBody(Route53Xml.changeResponse("C3RESTORE00001", "PENDING"))));

    assertThat(rollback(RollbackAction.DETACH_GREEN).outcome()).isEqualTo(Outcome.ALIAS_ALREADY_ABSENT);
    assertThat(rollback(RollbackAction.ATTACH_BLUE).outcome()).isEqualTo(Outcome.ALIAS_ADDED);
    assertThat(rollback(RollbackAction.RESTORE_DNS).changeId()).isEqualTo("C3RESTORE00001");

    assertThat(CLOUDFRONT.findAll(putRequestedFor(urlEqualTo(GREEN_DISTRIBUTION + "/config")))).isEmpty();
    Document blue = AwsStubs.xml(CLOUDFRONT.findAll(putRequestedFor(urlEqualTo(BLUE_DISTRIBUTION + "/config"))).getFirst());
    assertThat(texts(blue, "/DistributionConfig/Aliases/Items/CNAME"))
        .as("blue's aliases as recorded, in the recorded order")
        .containsExactly(HOST, "static.example.com");
    Document batch = AwsStubs.xml(ROUTE53.findAll(postRequestedFor(urlPathEqualTo(RRSET + "/"))).getFirst());
    String changes = "/ChangeResourceRecordSetsRequest/ChangeBatch/Changes/Change";
    assertThat(texts(batch, changes + "/Action")).containsExactly("DELETE", "DELETE", "CREATE", "CREATE");
    assertThat(texts(batch, changes + "/ResourceRecordSet/Type")).containsExactly("A", "AAAA", "A", "AAAA");
    assertThat(texts(batch, changes + "/ResourceRecordSet/AliasTarget/DNSName"))
        .containsExactly(GREEN_DOMAIN + ".", GREEN_DOMAIN + ".", BLUE_DOMAIN + ".", BLUE_DOMAIN + ".");
  }

  /** RECORD against the stubs in the world before the cutover: blue holds the alias, A and AAAA point at blue. */
  private void record() {
    stubDistribution(BLUE, BLUE_ACCOUNT, BLUE_DOMAIN, "Deployed", List.of(HOST, "static.example.com"), BLUE_CERT);
    stubDistribution(GREEN, GREEN_ACCOUNT, GREEN_DOMAIN, "Deployed", List.of(WILDCARD), GREEN_CERT);
    stubRecords(
        Route53Xml.aliasRecord("assets.example.com.", "A", BLUE_DOMAIN + "."),
        Route53Xml.aliasRecord("assets.example.com.", "AAAA", BLUE_DOMAIN + "."));
    assertThat(cutover(CutoverAction.RECORD).outcome()).isEqualTo(Outcome.RECORDED);
    // What the rest of the test stubs comes on top; the recording's GETs are not part of it.
    CLOUDFRONT.resetRequests();
  }

  private StepResult cutover(CutoverAction action) {
    return new CutoverStep(ports(), Clock.fixed(World.NOW, ZoneOffset.UTC), Backoff.DEFAULT, sleeps::add)
        .run(action, migration, TestPlans.EXECUTION_ID, null, null);
  }

  private StepResult rollback(RollbackAction action) {
    return new RollbackStep(ports(), Backoff.DEFAULT, sleeps::add).run(action, migration, null, null);
  }

  private Ports ports() {
    return new Ports(new CloudFrontDistributions(ref -> cloudFront), new Route53Zone(ref -> route53), new AcmCertificates(ref -> acm), records);
  }

  private static void stubDistribution(String id, String account, String domain, String status, List<String> aliases, String cert) {
    CLOUDFRONT.stubFor(
        get("/2020-05-31/distribution/" + id)
            .willReturn(
                aResponse()
                    .withHeader("ETag", "E0" + id.substring(1, 6))
                    .withBody(CloudFrontXml.distribution(id, account, domain, status, CloudFrontXml.configBody("ref-" + id, "assets", aliases, true, cert, null)))));
  }

  private static void stubRecords(String... recordSets) {
    ROUTE53.stubFor(get(urlPathEqualTo(RRSET)).willReturn(aResponse().withBody(Route53Xml.listRecords(List.of(recordSets), null))));
  }

  private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder config(String etag, String comment, List<String> aliases, String cert) {
    return aResponse().withHeader("ETag", etag).withBody(CloudFrontXml.config("ref", comment, aliases, true, cert, null));
  }
}
