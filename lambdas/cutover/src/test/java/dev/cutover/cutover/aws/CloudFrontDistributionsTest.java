package dev.cutover.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static dev.cutover.cutover.support.AwsStubs.text;
import static dev.cutover.cutover.support.AwsStubs.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.cutover.port.AliasEdit;
import dev.cutover.cutover.port.AliasHolder;
import dev.cutover.cutover.port.AliasTakenException;
import dev.cutover.cutover.port.Distribution;
import dev.cutover.cutover.port.DistributionRef;
import dev.cutover.cutover.port.VersionConflictException;
import dev.cutover.cutover.support.AwsStubs;
import dev.cutover.cutover.support.CloudFrontXml;
import dev.cutover.errors.PreconditionFailedException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.w3c.dom.Document;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

/** The CloudFront adapter against a WireMock CloudFront speaking the API reference's XML. */
class CloudFrontDistributionsTest {

  static final String BLUE = "E2QWRUHAPOMQZL";
  static final String CONFIG_PATH = "/2020-05-31/distribution/" + BLUE + "/config";
  static final String CERT = "arn:aws:acm:us-east-1:111122223333:certificate/0f8e7d6c-5b4a-3928-1706-f5e4d3c2b1a0";
  static final DistributionRef REF = new DistributionRef(BLUE, "111122223333", "arn:aws:iam::111122223333:role/cutover-source", "mig-1");

  @RegisterExtension static final WireMockExtension CLOUDFRONT = AwsStubs.server();

  private static CloudFrontClient client;
  private static CloudFrontDistributions distributions;

  @BeforeAll
  static void start() {
    client = AwsStubs.cloudFront(CLOUDFRONT);
    distributions = new CloudFrontDistributions(ref -> client);
  }

  @AfterAll
  static void stop() {
    client.close();
  }

  @Test
  void describe_reads_status_domain_aliases_and_the_acm_certificate() {
    CLOUDFRONT.stubFor(
        get("/2020-05-31/distribution/" + BLUE)
            .willReturn(
                aResponse()
                    .withHeader("ETag", "E2QWRUHEXAMPLE")
                    .withHeader("Content-Type", "text/xml")
                    .withBody(
                        CloudFrontXml.distribution(
                            BLUE, "111122223333", "d111111abcdef8.cloudfront.net", "InProgress",
                            CloudFrontXml.configBody("legacy", "legacy assets", List.of("assets.example.com", "static.example.com"), true, CERT, null)))));

    Distribution d = distributions.describe(REF);

    assertThat(d.id()).isEqualTo(BLUE);
    assertThat(d.domainName()).isEqualTo("d111111abcdef8.cloudfront.net");
    assertThat(d.status()).isEqualTo("InProgress");
    assertThat(d.deployed()).isFalse();
    assertThat(d.enabled()).isTrue();
    assertThat(d.ipv6Enabled()).isTrue();
    assertThat(d.aliases()).containsExactly("assets.example.com", "static.example.com");
    assertThat(d.acmCertificateArn()).isEqualTo(CERT);
    assertThat(d.certificateSource()).isEqualTo("acm");
  }

  @Test
  void a_distribution_on_the_default_certificate_has_no_acm_arn() {
    CLOUDFRONT.stubFor(
        get("/2020-05-31/distribution/" + BLUE)
            .willReturn(
                aResponse()
                    .withHeader("ETag", "E1")
                    .withBody(CloudFrontXml.distribution(BLUE, "111122223333", "d1.cloudfront.net", "Deployed", CloudFrontXml.configBody("c", "c", List.of(), false, null, null)))));

    Distribution d = distributions.describe(REF);

    assertThat(d.acmCertificateArn()).isNull();
    assertThat(d.certificateSource()).isEqualTo("cloudfront");
    assertThat(d.enabled()).isFalse();
    assertThat(d.aliases()).isEmpty();
  }

  @Test
  void an_edit_sends_back_the_configuration_as_read_with_only_the_aliases_changed_and_if_match_its_etag() {
    String unknownToThisSdk = "<FutureSetting><Mode>kept-as-is</Mode></FutureSetting>";
    String config = CloudFrontXml.config("legacy-2019", "legacy assets", List.of("assets.example.com", "static.example.com"), true, CERT, unknownToThisSdk);
    CLOUDFRONT.stubFor(get(CONFIG_PATH).willReturn(aResponse().withHeader("ETag", "E2QWRUHEXAMPLE").withBody(config)));
    CLOUDFRONT.stubFor(
        put(CONFIG_PATH)
            .willReturn(
                aResponse()
                    .withHeader("ETag", "E3NEWVERSION")
                    .withBody(
                        CloudFrontXml.distribution(BLUE, "111122223333", "d1.cloudfront.net", "InProgress",
                            CloudFrontXml.configBody("legacy-2019", "legacy assets", List.of("static.example.com"), true, CERT, null)))));

    AliasEdit edit = distributions.editAliases(REF, aliases -> aliases.stream().filter(a -> !a.equals("assets.example.com")).toList());

    assertThat(edit.changed()).isTrue();
    assertThat(edit.before()).containsExactly("assets.example.com", "static.example.com");
    assertThat(edit.after()).containsExactly("static.example.com");
    LoggedRequest update = single(CLOUDFRONT.findAll(putRequestedFor(urlEqualTo(CONFIG_PATH))));
    assertThat(update.getHeader("If-Match")).isEqualTo("E2QWRUHEXAMPLE");
    Document sent = AwsStubs.xml(update);
    assertThat(sent.getDocumentElement().getLocalName()).isEqualTo("DistributionConfig");
    assertThat(sent.getDocumentElement().getNamespaceURI()).isEqualTo(CloudFrontXml.NAMESPACE);
    assertThat(text(sent, "/DistributionConfig/Aliases/Quantity")).isEqualTo("1");
    assertThat(texts(sent, "/DistributionConfig/Aliases/Items/CNAME")).containsExactly("static.example.com");
    assertThat(text(sent, "/DistributionConfig/CallerReference")).isEqualTo("legacy-2019");
    assertThat(text(sent, "/DistributionConfig/ViewerCertificate/ACMCertificateArn")).isEqualTo(CERT);
    assertThat(text(sent, "/DistributionConfig/DefaultCacheBehavior/CachePolicyId")).isEqualTo("658327ea-f89d-4fab-a63d-7e88639e58f6");
    assertThat(text(sent, "/DistributionConfig/FutureSetting/Mode"))
        .as("an element this SDK does not model goes back as CloudFront sent it, not reset to its default")
        .isEqualTo("kept-as-is");
    assertThat(elementNames(sent)).as("every element in CloudFront's order").isEqualTo(elementNames(parse(config)));
  }

  @Test
  void removing_the_last_alias_sends_quantity_zero_and_no_items() {
    CLOUDFRONT.stubFor(get(CONFIG_PATH).willReturn(aResponse().withHeader("ETag", "E1").withBody(CloudFrontXml.config("c", "c", List.of("assets.example.com"), true, CERT, null))));
    CLOUDFRONT.stubFor(put(CONFIG_PATH).willReturn(aResponse().withHeader("ETag", "E2").withBody(CloudFrontXml.distribution(BLUE, "1", "d", "InProgress", CloudFrontXml.configBody("c", "c", List.of(), true, CERT, null)))));

    distributions.editAliases(REF, aliases -> List.of());

    Document sent = AwsStubs.xml(single(CLOUDFRONT.findAll(putRequestedFor(urlEqualTo(CONFIG_PATH)))));
    assertThat(text(sent, "/DistributionConfig/Aliases/Quantity")).isEqualTo("0");
    assertThat(texts(sent, "/DistributionConfig/Aliases/Items")).isEmpty();
  }

  @Test
  void an_edit_that_changes_nothing_writes_nothing() {
    CLOUDFRONT.stubFor(get(CONFIG_PATH).willReturn(aResponse().withHeader("ETag", "E1").withBody(CloudFrontXml.config("c", "c", List.of("static.example.com"), true, CERT, null))));

    AliasEdit edit = distributions.editAliases(REF, aliases -> aliases.stream().filter(a -> !a.equals("assets.example.com")).toList());

    assertThat(edit.changed()).isFalse();
    assertThat(edit.after()).containsExactly("static.example.com");
    assertThat(CLOUDFRONT.findAll(putRequestedFor(urlEqualTo(CONFIG_PATH)))).isEmpty();
  }

  @Test
  void precondition_failed_on_if_match_is_a_version_conflict() {
    CLOUDFRONT.stubFor(get(CONFIG_PATH).willReturn(aResponse().withHeader("ETag", "E1").withBody(CloudFrontXml.config("c", "c", List.of("assets.example.com"), true, CERT, null))));
    CLOUDFRONT.stubFor(
        put(CONFIG_PATH)
            .willReturn(
                aResponse()
                    .withStatus(412)
                    .withBody(CloudFrontXml.error("PreconditionFailed", "The precondition given in one or more of the request-header fields evaluated to false."))));

    assertThatThrownBy(() -> distributions.editAliases(REF, aliases -> List.of()))
        .isInstanceOf(VersionConflictException.class)
        .hasMessageContaining(BLUE)
        .hasMessageContaining("E1");
  }

  @Test
  void cname_already_exists_is_an_alias_taken() {
    CLOUDFRONT.stubFor(get(CONFIG_PATH).willReturn(aResponse().withHeader("ETag", "E1").withBody(CloudFrontXml.config("c", "c", List.of("*.example.com"), true, CERT, null))));
    CLOUDFRONT.stubFor(
        put(CONFIG_PATH)
            .willReturn(
                aResponse()
                    .withStatus(409)
                    .withBody(CloudFrontXml.error("CNAMEAlreadyExists", "One or more of the CNAMEs you provided are already associated with a different resource."))));

    assertThatThrownBy(() -> distributions.editAliases(REF, aliases -> Stream.concat(aliases.stream(), Stream.of("assets.example.com")).toList()))
        .isInstanceOf(AliasTakenException.class)
        .hasMessageContaining("already associated with a different resource");
  }

  @Test
  void an_unknown_distribution_is_a_precondition_failure_naming_the_call() {
    CLOUDFRONT.stubFor(get(CONFIG_PATH).willReturn(aResponse().withStatus(404).withBody(CloudFrontXml.error("NoSuchDistribution", "The specified distribution does not exist."))));

    assertThatThrownBy(() -> distributions.editAliases(REF, aliases -> aliases))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("GetDistributionConfig " + BLUE)
        .hasMessageContaining("NoSuchDistribution");
  }

  @Test
  void access_denied_says_which_call_the_role_must_be_allowed() {
    CLOUDFRONT.stubFor(
        get("/2020-05-31/distribution/" + BLUE)
            .willReturn(aResponse().withStatus(403).withBody(CloudFrontXml.error("AccessDenied", "User: arn:aws:sts::111122223333:assumed-role/cutover-source/mig-1 is not authorized to perform: cloudfront:GetDistribution"))));

    assertThatThrownBy(() -> distributions.describe(REF))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("GetDistribution " + BLUE)
        .hasMessageContaining("must be allowed to make this call");
  }

  @Test
  void holders_lists_domain_conflicts_asked_with_the_validating_distribution() {
    CLOUDFRONT.stubFor(
        post("/2020-05-31/domain-conflicts")
            .willReturn(
                aResponse()
                    .withBody(
                        CloudFrontXml.domainConflicts(
                            new String[] {"assets.example.com", "distribution", "*******APOMQZL", "******223333"},
                            new String[] {"*.example.com", "distribution", "E3ABCDEF123456", "444455556666"}))));
    DistributionRef green = new DistributionRef("E3ABCDEF123456", "444455556666", "arn:aws:iam::444455556666:role/cutover-target", "mig-1");

    List<AliasHolder> holders = distributions.holders(green, "assets.example.com");

    assertThat(holders)
        .containsExactly(
            new AliasHolder("assets.example.com", "distribution", "*******APOMQZL", "******223333"),
            new AliasHolder("*.example.com", "distribution", "E3ABCDEF123456", "444455556666"));
    assertThat(holders.getFirst().couldBe(BLUE, "111122223333")).isTrue();
    assertThat(holders.getFirst().couldBe("E3ABCDEF123456", "444455556666")).isFalse();
    Document sent = AwsStubs.xml(single(CLOUDFRONT.findAll(postRequestedFor(urlEqualTo("/2020-05-31/domain-conflicts")))));
    assertThat(sent.getDocumentElement().getLocalName()).isEqualTo("ListDomainConflictsRequest");
    assertThat(text(sent, "/ListDomainConflictsRequest/Domain")).isEqualTo("assets.example.com");
    assertThat(text(sent, "/ListDomainConflictsRequest/DomainControlValidationResource/DistributionId")).isEqualTo("E3ABCDEF123456");
  }

  @Test
  void holders_follows_the_next_marker() {
    CLOUDFRONT.stubFor(
        post("/2020-05-31/domain-conflicts")
            .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.notContaining("<Marker>"))
            .willReturn(
                aResponse()
                    .withBody(
                        CloudFrontXml.domainConflicts(new String[] {"assets.example.com", "distribution", "*******APOMQZL", "******223333"})
                            .replace("</ListDomainConflictsResult>", "<NextMarker>page-2</NextMarker></ListDomainConflictsResult>"))));
    CLOUDFRONT.stubFor(
        post("/2020-05-31/domain-conflicts")
            .withRequestBody(com.github.tomakehurst.wiremock.client.WireMock.containing("<Marker>page-2</Marker>"))
            .willReturn(aResponse().withBody(CloudFrontXml.domainConflicts(new String[] {"*.example.com", "distribution-tenant", "******TENANT1", "******999999"}))));

    List<AliasHolder> holders = distributions.holders(REF, "assets.example.com");

    assertThat(holders).extracting(AliasHolder::alias).containsExactly("assets.example.com", "*.example.com");
    assertThat(holders.get(1).resourceType()).isEqualTo("distribution-tenant");
  }

  private static LoggedRequest single(List<LoggedRequest> requests) {
    assertThat(requests).hasSize(1);
    return requests.getFirst();
  }

  private static Document parse(String xml) {
    try {
      var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Every element's local name in document order, Aliases' own children left out. */
  private static List<String> elementNames(Document doc) {
    List<String> names = new ArrayList<>();
    collect(doc.getDocumentElement(), names);
    return names;
  }

  private static void collect(org.w3c.dom.Element e, List<String> names) {
    names.add(e.getLocalName());
    if (e.getLocalName().equals("Aliases")) {
      return;
    }
    for (org.w3c.dom.Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof org.w3c.dom.Element child) {
        collect(child, names);
      }
    }
  }
}
