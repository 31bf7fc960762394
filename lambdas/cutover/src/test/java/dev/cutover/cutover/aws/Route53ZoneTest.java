package dev.cutover.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.cutover.cutover.support.AwsStubs.text;
import static dev.cutover.cutover.support.AwsStubs.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.cutover.port.AliasTarget;
import dev.cutover.cutover.port.DnsChange;
import dev.cutover.cutover.port.DnsRecord;
import dev.cutover.cutover.port.RecordMismatchException;
import dev.cutover.cutover.port.ZoneBusyException;
import dev.cutover.cutover.port.ZoneRef;
import dev.cutover.cutover.support.AwsStubs;
import dev.cutover.cutover.support.Route53Xml;
import dev.cutover.errors.PreconditionFailedException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import software.amazon.awssdk.services.route53.Route53Client;

/** The Route 53 adapter against a WireMock Route 53 speaking the API reference's XML. */
class Route53ZoneTest {

  static final String ZONE_ID = "Z0123456789ABCDEFGHIJ";
  static final String RRSET = "/2013-04-01/hostedzone/" + ZONE_ID + "/rrset";
  static final ZoneRef ZONE = new ZoneRef(ZONE_ID, "arn:aws:iam::444455556666:role/cutover-target", "mig-1");
  static final String HOST = "assets.example.com";

  @RegisterExtension static final WireMockExtension ROUTE53 = AwsStubs.server();

  private static Route53Client client;
  private static Route53Zone zone;

  @BeforeAll
  static void start() {
    client = AwsStubs.route53(ROUTE53);
    zone = new Route53Zone(ref -> client);
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  @Test
  void records_lists_from_the_name_and_stops_at_the_next_name() {
    ROUTE53.stubFor(
        get(urlPathEqualTo(RRSET))
            .withQueryParam("name", equalTo(HOST))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        Route53Xml.listRecords(
                            List.of(
                                Route53Xml.aliasRecord("assets.example.com.", "A", "d111111abcdef8.cloudfront.net."),
                                Route53Xml.aliasRecord("assets.example.com.", "AAAA", "d111111abcdef8.cloudfront.net."),
                                Route53Xml.valueRecord("assets.example.com.", "TXT", 300, "\"owner=web\""),
                                Route53Xml.valueRecord("b.assets.example.com.", "CNAME", 60, "elsewhere.example.net")),
                            null))));

    List<DnsRecord> records = zone.records(ZONE, HOST);

    assertThat(records)
        .containsExactly(
            DnsRecord.aliasToCloudFront("assets.example.com.", "A", "d111111abcdef8.cloudfront.net."),
            DnsRecord.aliasToCloudFront("assets.example.com.", "AAAA", "d111111abcdef8.cloudfront.net."),
            DnsRecord.withValues("assets.example.com.", "TXT", 300, List.of("\"owner=web\"")));
  }

  @Test
  void records_follows_pages_while_they_stay_on_the_name() {
    ROUTE53.stubFor(
        get(urlPathEqualTo(RRSET))
            .withQueryParam("name", equalTo(HOST))
            .withQueryParam("type", absent())
            .willReturn(
                aResponse()
                    .withBody(
                        Route53Xml.listRecords(
                            List.of(Route53Xml.aliasRecord("assets.example.com.", "A", "d111111abcdef8.cloudfront.net.")),
                            new String[] {"assets.example.com.", "AAAA"}))));
    ROUTE53.stubFor(
        get(urlPathEqualTo(RRSET))
            .withQueryParam("name", equalTo("assets.example.com."))
            .withQueryParam("type", equalTo("AAAA"))
            .willReturn(
                aResponse()
                    .withBody(
                        Route53Xml.listRecords(
                            List.of(Route53Xml.aliasRecord("assets.example.com.", "AAAA", "d111111abcdef8.cloudfront.net.")), null))));

    assertThat(zone.records(ZONE, HOST)).extracting(DnsRecord::type).containsExactly("A", "AAAA");
  }

  @Test
  void replace_sends_one_batch_deleting_exactly_what_was_read_and_creating_the_new_value() {
    ROUTE53.stubFor(post(urlPathEqualTo(RRSET + "/")).willReturn(aResponse().withBody(Route53Xml.changeResponse("C2682N5HXP0BZ4", "PENDING"))));
    DnsRecord blue = DnsRecord.withValues("assets.example.com.", "CNAME", 300, List.of("d111111abcdef8.cloudfront.net"));
    DnsRecord green = DnsRecord.withValues("assets.example.com.", "CNAME", 300, List.of("d222222abcdef8.cloudfront.net."));
    DnsRecord blueAlias = new DnsRecord("assets.example.com.", "AAAA", null, null, List.of(), new AliasTarget("Z2FDTNDATAQYW2", "d111111abcdef8.cloudfront.net.", false));
    DnsRecord greenAlias = DnsRecord.aliasToCloudFront("assets.example.com.", "AAAA", "d222222abcdef8.cloudfront.net.");

    DnsChange change = zone.replace(ZONE, List.of(blue, blueAlias), List.of(green, greenAlias), "cutover mig-1: point at green");

    assertThat(change).isEqualTo(new DnsChange("C2682N5HXP0BZ4", "PENDING"));
    List<LoggedRequest> requests = ROUTE53.findAll(postRequestedFor(urlPathEqualTo(RRSET + "/")));
    assertThat(requests).hasSize(1);
    Document sent = AwsStubs.xml(requests.getFirst());
    String changes = "/ChangeResourceRecordSetsRequest/ChangeBatch/Changes/Change";
    assertThat(sent.getDocumentElement().getNamespaceURI()).isEqualTo(Route53Xml.NAMESPACE);
    assertThat(text(sent, "/ChangeResourceRecordSetsRequest/ChangeBatch/Comment")).isEqualTo("cutover mig-1: point at green");
    assertThat(texts(sent, changes + "/Action")).containsExactly("DELETE", "DELETE", "CREATE", "CREATE");
    assertThat(texts(sent, changes + "/ResourceRecordSet/Type")).containsExactly("CNAME", "AAAA", "CNAME", "AAAA");
    assertThat(texts(sent, changes + "/ResourceRecordSet/TTL")).containsExactly("300", "300");
    assertThat(texts(sent, changes + "/ResourceRecordSet/ResourceRecords/ResourceRecord/Value"))
        .as("the DELETE repeats the value exactly as read, trailing dot or not")
        .containsExactly("d111111abcdef8.cloudfront.net", "d222222abcdef8.cloudfront.net.");
    assertThat(texts(sent, changes + "/ResourceRecordSet/AliasTarget/DNSName"))
        .containsExactly("d111111abcdef8.cloudfront.net.", "d222222abcdef8.cloudfront.net.");
    assertThat(texts(sent, changes + "/ResourceRecordSet/AliasTarget/HostedZoneId")).containsExactly("Z2FDTNDATAQYW2", "Z2FDTNDATAQYW2");
    assertThat(texts(sent, changes + "/ResourceRecordSet/AliasTarget/EvaluateTargetHealth")).containsExactly("false", "false");
  }

  @Test
  void a_delete_that_does_not_match_is_a_record_mismatch() {
    ROUTE53.stubFor(
        post(urlPathEqualTo(RRSET + "/"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(
                        Route53Xml.error(
                            "InvalidChangeBatch",
                            "[Tried to delete resource record set [name='assets.example.com.', type='CNAME'] but the values provided do not match the current values]"))));

    assertThatThrownBy(() -> zone.replace(ZONE, List.of(cname("a")), List.of(cname("b")), "c"))
        .isInstanceOf(RecordMismatchException.class)
        .hasMessageContaining("do not match the current values");
  }

  @Test
  void prior_request_not_complete_is_a_busy_zone() {
    ROUTE53.stubFor(
        post(urlPathEqualTo(RRSET + "/"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withBody(Route53Xml.error("PriorRequestNotComplete", "The request was rejected because Route 53 was still processing a prior request."))));

    assertThatThrownBy(() -> zone.replace(ZONE, List.of(cname("a")), List.of(cname("b")), "c"))
        .isInstanceOf(ZoneBusyException.class)
        .hasMessageContaining("PriorRequestNotComplete");
  }

  @Test
  void throttling_is_a_busy_zone() {
    ROUTE53.stubFor(get(urlPathEqualTo(RRSET)).willReturn(aResponse().withStatus(400).withBody(Route53Xml.error("Throttling", "Rate exceeded"))));

    assertThatThrownBy(() -> zone.records(ZONE, HOST)).isInstanceOf(ZoneBusyException.class).hasMessageContaining("Throttling");
  }

  @Test
  void a_zone_that_does_not_exist_is_a_precondition_failure() {
    ROUTE53.stubFor(get(urlPathEqualTo(RRSET)).willReturn(aResponse().withStatus(404).withBody(Route53Xml.error("NoSuchHostedZone", "No hosted zone found with ID: " + ZONE_ID))));

    assertThatThrownBy(() -> zone.records(ZONE, HOST))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("NoSuchHostedZone")
        .hasMessageContaining("ListResourceRecordSets");
  }

  @Test
  void change_reads_the_status_of_a_submitted_change() {
    ROUTE53.stubFor(get("/2013-04-01/change/C2682N5HXP0BZ4").willReturn(aResponse().withBody(Route53Xml.getChange("C2682N5HXP0BZ4", "INSYNC"))));

    assertThat(zone.change(ZONE, "C2682N5HXP0BZ4")).isEqualTo(new DnsChange("C2682N5HXP0BZ4", "INSYNC"));
  }

  private static DnsRecord cname(String target) {
    return DnsRecord.withValues("assets.example.com.", "CNAME", 300, List.of(target + ".cloudfront.net"));
  }
}
