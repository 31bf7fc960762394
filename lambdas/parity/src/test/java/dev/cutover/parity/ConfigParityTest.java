package dev.cutover.parity;

import static dev.cutover.parity.support.CloudFrontFixtures.BLUE_DISTRIBUTION;
import static dev.cutover.parity.support.CloudFrontFixtures.GREEN_CACHE_POLICY;
import static dev.cutover.parity.support.CloudFrontFixtures.GREEN_DISTRIBUTION;
import static dev.cutover.parity.support.CloudFrontFixtures.GREEN_HEADERS_POLICY;
import static dev.cutover.parity.support.CloudFrontFixtures.GREEN_OAC;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.parity.aws.CloudFrontEdgeConfigs;
import dev.cutover.parity.support.CloudFrontFixtures;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

/**
 * Two equivalent distributions from two accounts compare equal; each kind of drift, one edit of
 * green's configuration away, is exactly one finding at the right path. The configurations go the
 * whole way: XML as CloudFront sends it, the SDK, the adapter, normalisation, the diff.
 */
class ConfigParityTest {

  @RegisterExtension
  static final WireMockExtension CLOUDFRONT = CloudFrontFixtures.extension();

  private static CloudFrontClient client;

  @BeforeAll
  static void client() {
    client = CloudFrontFixtures.client(CLOUDFRONT, RetryMode.STANDARD);
  }

  @AfterAll
  static void close() {
    client.close();
  }

  static ConfigParity compare(CloudFrontFixtures fixtures, List<String> allow) {
    fixtures.install(CLOUDFRONT);
    return ConfigParity.compare(
        new ConfigParity.Side(new CloudFrontEdgeConfigs(client, "arn:aws:iam::111122223333:role/cutover-source"), BLUE_DISTRIBUTION, "legacy-web-assets"),
        new ConfigParity.Side(new CloudFrontEdgeConfigs(client, "arn:aws:iam::444455556666:role/cutover-target"), GREEN_DISTRIBUTION, "platform-web-assets"),
        allow);
  }

  @Test
  void equivalent_distributions_in_two_accounts_have_no_findings() {
    ConfigParity parity = compare(new CloudFrontFixtures(), List.of());

    assertThat(parity.findings()).isEmpty();
    // Equal because normalised, not because nothing was compared:
    var blue = parity.blueConfig().json();
    assertThat(blue.at("/Origins/bucket/OriginAccessControl/SigningBehavior").asText()).isEqualTo("always");
    assertThat(blue.at("/Origins/bucket/Endpoint").asText()).isEqualTo("rest");
    assertThat(blue.at("/Origins/api.example.com/CustomOriginConfig/OriginProtocolPolicy").asText()).isEqualTo("https-only");
    assertThat(blue.at("/DefaultCacheBehavior/TargetOrigin").asText()).isEqualTo("bucket");
    assertThat(blue.at("/DefaultCacheBehavior/CachePolicy/DefaultTTL").asLong()).isEqualTo(86_400);
    assertThat(blue.at("/DefaultCacheBehavior/OriginRequestPolicy").asText()).isEqualTo("AWS managed policy Managed-CORS-S3Origin (88a5eaf4-2fd4-4709-b370-b4c650ea3fcf)");
    assertThat(blue.at("/DefaultCacheBehavior/ResponseHeadersPolicy/CorsConfig/AccessControlMaxAgeSec").asInt()).isEqualTo(600);
    assertThat(blue.at("/DefaultCacheBehavior/FunctionAssociations/viewer-request/CodeSha256").asText()).hasSize(64);
    assertThat(blue.at("/CacheBehaviors/~1images~1*/LambdaFunctionAssociations/origin-response/FunctionName").asText()).isEqualTo("image-security-headers");
    assertThat(blue.at("/CustomErrorResponses/404/ResponsePagePath").asText()).isEqualTo("/errors/404.html");
    assertThat(blue.at("/Origins/api.example.com/CustomHeaders/X-Forwarded-Host/HeaderValue").asText())
        .as("an origin header's value may be a secret: compared by hash, never shown")
        .startsWith("sha256:")
        .doesNotContain("assets.example.com");
    assertThat(blue.at("/WebACLId").asText()).isEqualTo("attached");
    assertThat(blue.at("/ViewerCertificate/MinimumProtocolVersion").asText()).isEqualTo("TLSv1.2_2021");
    assertThat(blue.has("Aliases")).isFalse();
    assertThat(blue.has("Comment")).isFalse();
    assertThat(blue.at("/Logging").has("Bucket")).isFalse();
    assertThat(parity.blue().etag()).isEqualTo(CloudFrontFixtures.BLUE_ETAG);
    assertThat(parity.green().domainName()).isEqualTo(CloudFrontFixtures.GREEN_DOMAIN);
  }

  record Drift(String name, Consumer<CloudFrontFixtures> edit, String path, String kind) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Drift drift(String name, String resource, String old, String replacement, String path) {
    return new Drift(name, f -> f.edit(resource, old, replacement), path, ConfigFinding.CHANGED);
  }

  private static final String GREEN = "green-distribution.xml";

  static Stream<Drift> drifts() {
    return Stream.of(
        drift("viewer protocol policy", GREEN, "\n         <ViewerProtocolPolicy>redirect-to-https</ViewerProtocolPolicy>", "\n         <ViewerProtocolPolicy>allow-all</ViewerProtocolPolicy>", "DefaultCacheBehavior.ViewerProtocolPolicy"),
        new Drift("cache behaviours in another order", f -> swapBehaviors(f), "CacheBehaviors", ConfigFinding.REORDERED),
        new Drift("cache behaviour missing on green", f -> removeImagesBehavior(f), "CacheBehaviors[/images/*]", ConfigFinding.ONLY_ON_BLUE),
        drift("behaviour served from another origin", GREEN, "               <TargetOriginId>platform-web-assets-origin</TargetOriginId>", "               <TargetOriginId>api</TargetOriginId>", "CacheBehaviors[/images/*].TargetOrigin"),
        drift("custom cache policy TTL", "green-cache-policy.xml", "<DefaultTTL>86400</DefaultTTL>", "<DefaultTTL>3600</DefaultTTL>", "DefaultCacheBehavior.CachePolicy.DefaultTTL"),
        drift("custom cache policy key", "green-cache-policy.xml", "<Name>v</Name>", "<Name>version</Name>", "DefaultCacheBehavior.CachePolicy.ParametersInCacheKeyAndForwardedToOrigin.QueryStringsConfig.QueryStrings"),
        drift("custom cache policy replaced by a managed one", GREEN, GREEN_CACHE_POLICY, "658327ea-f89d-4fab-a63d-7e88639e58f6", "DefaultCacheBehavior.CachePolicy"),
        drift("another managed origin request policy", GREEN, "<OriginRequestPolicyId>88a5eaf4-2fd4-4709-b370-b4c650ea3fcf</OriginRequestPolicyId>", "<OriginRequestPolicyId>59781a5b-3903-41f3-afcb-af62929ccde1</OriginRequestPolicyId>", "DefaultCacheBehavior.OriginRequestPolicy"),
        drift("response headers policy CORS max age", "green-response-headers-policy.xml", "<AccessControlMaxAgeSec>600</AccessControlMaxAgeSec>", "<AccessControlMaxAgeSec>60</AccessControlMaxAgeSec>", "DefaultCacheBehavior.ResponseHeadersPolicy.CorsConfig.AccessControlMaxAgeSec"),
        drift("response headers policy custom header", "green-response-headers-policy.xml", "<Value>web-assets</Value>", "<Value>platform</Value>", "DefaultCacheBehavior.ResponseHeadersPolicy.CustomHeadersConfig[X-Content-Source].Value"),
        new Drift("response headers policy missing on green", f -> f.edit(GREEN, "<ResponseHeadersPolicyId>" + GREEN_HEADERS_POLICY + "</ResponseHeadersPolicyId>", ""), "DefaultCacheBehavior.ResponseHeadersPolicy", ConfigFinding.ONLY_ON_BLUE),
        new Drift("CloudFront Function code", f -> f.put("green-function-code", f.text("green-function-code").replace("index.html", "index.htm")), "DefaultCacheBehavior.FunctionAssociations[viewer-request].CodeSha256", ConfigFinding.CHANGED),
        drift("CloudFront Function runtime", "green-function.xml", "<Runtime>cloudfront-js-2.0</Runtime>", "<Runtime>cloudfront-js-1.0</Runtime>", "DefaultCacheBehavior.FunctionAssociations[viewer-request].Runtime"),
        drift("Lambda@Edge function", GREEN, "function:image-security-headers:2", "function:image-headers-v2:1", "CacheBehaviors[/images/*].LambdaFunctionAssociations[origin-response].FunctionName"),
        drift("Lambda@Edge body", GREEN, "<IncludeBody>false</IncludeBody>", "<IncludeBody>true</IncludeBody>", "CacheBehaviors[/images/*].LambdaFunctionAssociations[origin-response].IncludeBody"),
        drift("origin access control signing", "green-origin-access-control.xml", "<SigningBehavior>always</SigningBehavior>", "<SigningBehavior>no-override</SigningBehavior>", "Origins[bucket].OriginAccessControl.SigningBehavior"),
        new Drift("origin access control missing on green", f -> f.edit(GREEN, "<OriginAccessControlId>" + GREEN_OAC + "</OriginAccessControlId>", "<OriginAccessControlId></OriginAccessControlId>"), "Origins[bucket].OriginAccessControl", ConfigFinding.ONLY_ON_BLUE),
        drift("bucket origin path", GREEN, "<OriginPath></OriginPath>", "<OriginPath>/static</OriginPath>", "Origins[bucket].OriginPath"),
        drift("bucket served as a website endpoint", GREEN, "platform-web-assets.s3.us-east-1.amazonaws.com", "platform-web-assets.s3-website-us-east-1.amazonaws.com", "Origins[bucket].Endpoint"),
        drift("custom origin protocol", GREEN, "<OriginProtocolPolicy>https-only</OriginProtocolPolicy>", "<OriginProtocolPolicy>match-viewer</OriginProtocolPolicy>", "Origins[api.example.com].CustomOriginConfig.OriginProtocolPolicy"),
        drift("custom origin header", GREEN, "<HeaderValue>assets.example.com</HeaderValue>", "<HeaderValue>platform.example.com</HeaderValue>", "Origins[api.example.com].CustomHeaders[X-Forwarded-Host].HeaderValue"),
        drift("default root object", GREEN, "<DefaultRootObject>index.html</DefaultRootObject>", "<DefaultRootObject>main.html</DefaultRootObject>", "DefaultRootObject"),
        drift("custom error page", GREEN, "<ResponsePagePath>/errors/404.html</ResponsePagePath>", "<ResponsePagePath>/404.html</ResponsePagePath>", "CustomErrorResponses[404].ResponsePagePath"),
        new Drift("custom error response missing on green", f -> removeErrorResponse403(f), "CustomErrorResponses[403]", ConfigFinding.ONLY_ON_BLUE),
        drift("allowed methods", GREEN, "\n                     <Method>DELETE</Method>", "", "CacheBehaviors[/api/*].AllowedMethods.Items"),
        drift("cached methods", GREEN, "<Method>HEAD</Method>\n                  <Method>GET</Method>", "<Method>HEAD</Method>\n                  <Method>GET</Method>\n                  <Method>OPTIONS</Method>", "DefaultCacheBehavior.AllowedMethods.CachedMethods"),
        drift("compression", GREEN, "\n         <Compress>true</Compress>", "\n         <Compress>false</Compress>", "DefaultCacheBehavior.Compress"),
        drift("HTTP versions", GREEN, "<HttpVersion>http2and3</HttpVersion>", "<HttpVersion>http2</HttpVersion>", "HttpVersion"),
        drift("IPv6", GREEN, "<IsIPV6Enabled>true</IsIPV6Enabled>", "<IsIPV6Enabled>false</IsIPV6Enabled>", "IsIPV6Enabled"),
        drift("price class", GREEN, "<PriceClass>PriceClass_100</PriceClass>", "<PriceClass>PriceClass_All</PriceClass>", "PriceClass"),
        drift("geo restriction countries", GREEN, "<Location>KP</Location>", "<Location>KP</Location>\n               <Location>CU</Location>", "Restrictions.GeoRestriction.Items"),
        drift("geo restriction type", GREEN, "<RestrictionType>blacklist</RestrictionType>", "<RestrictionType>whitelist</RestrictionType>", "Restrictions.GeoRestriction.RestrictionType"),
        drift("WAF web ACL missing on green", GREEN, "arn:aws:wafv2:us-east-1:444455556666:global/webacl/platform-assets/f0e1d2c3-b4a5-9687-7869-EXAMPLE22222", "", "WebACLId"),
        drift("TLS policy", GREEN, "<MinimumProtocolVersion>TLSv1.2_2021</MinimumProtocolVersion>", "<MinimumProtocolVersion>TLSv1</MinimumProtocolVersion>", "ViewerCertificate.MinimumProtocolVersion"),
        drift("logging off", GREEN, "<Enabled>true</Enabled>\n         <IncludeCookies>", "<Enabled>false</Enabled>\n         <IncludeCookies>", "Logging.Enabled"),
        drift("distribution disabled", GREEN, "<Enabled>true</Enabled>\n      <ViewerCertificate>", "<Enabled>false</Enabled>\n      <ViewerCertificate>", "Enabled"),
        drift("staging distribution", GREEN, "<Staging>false</Staging>", "<Staging>true</Staging>", "Staging"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drifts")
  void each_drift_is_one_finding_at_its_path(Drift drift) {
    CloudFrontFixtures fixtures = new CloudFrontFixtures();
    drift.edit().accept(fixtures);

    List<ConfigFinding> findings = compare(fixtures, List.of()).findings();

    assertThat(findings).as("findings for %s", drift.name()).singleElement().satisfies(f -> {
      assertThat(f.path()).isEqualTo(drift.path());
      assertThat(f.kind()).isEqualTo(drift.kind());
      assertThat(f.allowed()).isFalse();
      assertThat(f.blue()).as("blue's value").isNotEqualTo(f.green());
    });
  }

  @Test
  void every_drift_case_is_distinct_and_names_a_path_the_plan_can_allow() {
    List<Drift> all = drifts().toList();
    assertThat(all.stream().map(Drift::path)).doesNotHaveDuplicates();
    assertThat(all).allSatisfy(d -> assertThat(dev.cutover.plan.ValidationSettings.PARITY_PATH_ROOTS).contains(d.path().split("[.\\[]", 2)[0]));
  }

  @Test
  void a_finding_shows_both_values_as_normalised() {
    CloudFrontFixtures fixtures = new CloudFrontFixtures();
    fixtures.edit(GREEN, GREEN_CACHE_POLICY, "658327ea-f89d-4fab-a63d-7e88639e58f6");

    ConfigFinding finding = compare(fixtures, List.of()).findings().getFirst();

    assertThat(finding.blue().path("DefaultTTL").asLong()).isEqualTo(86_400);
    assertThat(finding.blue().has("Name")).as("a custom policy's name is a label, not compared").isFalse();
    assertThat(finding.green().asText()).isEqualTo("AWS managed policy Managed-CachingOptimized (658327ea-f89d-4fab-a63d-7e88639e58f6)");
  }

  @Test
  void a_drift_on_blue_is_found_the_same_way() {
    CloudFrontFixtures fixtures = new CloudFrontFixtures();
    fixtures.edit("blue-distribution.xml", "<PriceClass>PriceClass_100</PriceClass>", "<PriceClass>PriceClass_200</PriceClass>");

    assertThat(compare(fixtures, List.of()).findings())
        .singleElement()
        .satisfies(f -> {
          assertThat(f.path()).isEqualTo("PriceClass");
          assertThat(f.blue().asText()).isEqualTo("PriceClass_200");
          assertThat(f.green().asText()).isEqualTo("PriceClass_100");
        });
  }

  @Test
  void the_plans_allow_list_accepts_an_intended_difference_and_nothing_else() {
    CloudFrontFixtures fixtures = new CloudFrontFixtures();
    removeImagesBehavior(fixtures);
    fixtures.edit(GREEN, "<HttpVersion>http2and3</HttpVersion>", "<HttpVersion>http2</HttpVersion>");

    List<ConfigFinding> findings = compare(fixtures, List.of("CacheBehaviors[/images/*]", "Origins[*].OriginShield")).findings();

    assertThat(findings).extracting(ConfigFinding::path, ConfigFinding::allowed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("CacheBehaviors[/images/*]", true),
            org.assertj.core.groups.Tuple.tuple("HttpVersion", false));
  }

  @Test
  void an_allow_entry_covers_the_fields_below_it_and_globs_match_across_segments() {
    CloudFrontFixtures fixtures = new CloudFrontFixtures();
    fixtures.edit("green-response-headers-policy.xml", "<AccessControlMaxAgeSec>600</AccessControlMaxAgeSec>", "<AccessControlMaxAgeSec>60</AccessControlMaxAgeSec>");
    fixtures.edit("green-function.xml", "<Runtime>cloudfront-js-2.0</Runtime>", "<Runtime>cloudfront-js-1.0</Runtime>");

    List<ConfigFinding> findings = compare(fixtures, List.of("DefaultCacheBehavior.ResponseHeadersPolicy", "*.Runtime")).findings();

    assertThat(findings).hasSize(2).allSatisfy(f -> assertThat(f.allowed()).as(f.path()).isTrue());
  }

  @Test
  void origin_groups_are_matched_by_their_members_and_a_swapped_primary_is_one_finding() {
    CloudFrontFixtures equivalent = withOriginGroups(new CloudFrontFixtures());
    CloudFrontFixtures swapped = withOriginGroups(new CloudFrontFixtures());
    String primaryFirst = swapped.text(GREEN);
    String apiFirst = primaryFirst.replaceFirst(
        "(<OriginId>platform-web-assets-origin</OriginId>)(</OriginGroupMember>\\s*<OriginGroupMember>)(<OriginId>api</OriginId>)", "$3$2$1");
    assertThat(apiFirst).isNotEqualTo(primaryFirst);
    swapped.put(GREEN, apiFirst);

    ConfigParity same = compare(equivalent, List.of());
    List<ConfigFinding> findings = compare(swapped, List.of()).findings();

    assertThat(same.findings()).isEmpty();
    assertThat(same.blueConfig().json().at("/CacheBehaviors/~1images~1*/TargetOrigin").asText()).isEqualTo("group(api.example.com, bucket)");
    assertThat(findings).singleElement().satisfies(f -> {
      assertThat(f.path()).isEqualTo("OriginGroups[group(api.example.com, bucket)].Members");
      assertThat(f.blue().toString()).isEqualTo("[\"bucket\",\"api.example.com\"]");
      assertThat(f.green().toString()).isEqualTo("[\"api.example.com\",\"bucket\"]");
    });
  }

  /** Both sides fail /images/* over from the bucket to the API origin, each with its own ids. */
  private static CloudFrontFixtures withOriginGroups(CloudFrontFixtures fixtures) {
    String none = "<OriginGroups>\n         <Quantity>0</Quantity>\n      </OriginGroups>";
    String[][] sides = {
      {"blue-distribution.xml", "legacy-failover", "S3-legacy-web-assets", "legacy-api"},
      {GREEN, "images-failover", "platform-web-assets-origin", "api"}
    };
    for (String[] side : sides) {
      fixtures.edit(side[0], none, """
          <OriginGroups>
                   <Quantity>1</Quantity>
                   <Items>
                      <OriginGroup>
                         <Id>%s</Id>
                         <FailoverCriteria>
                            <StatusCodes>
                               <Quantity>2</Quantity>
                               <Items>
                                  <StatusCode>500</StatusCode>
                                  <StatusCode>503</StatusCode>
                               </Items>
                            </StatusCodes>
                         </FailoverCriteria>
                         <Members>
                            <Quantity>2</Quantity>
                            <Items>
                               <OriginGroupMember><OriginId>%s</OriginId></OriginGroupMember>
                               <OriginGroupMember><OriginId>%s</OriginId></OriginGroupMember>
                            </Items>
                         </Members>
                         <SelectionCriteria>default</SelectionCriteria>
                      </OriginGroup>
                   </Items>
                </OriginGroups>""".formatted(side[1], side[2], side[3]));
      fixtures.edit(side[0], "               <TargetOriginId>" + side[2] + "</TargetOriginId>", "               <TargetOriginId>" + side[1] + "</TargetOriginId>");
    }
    return fixtures;
  }

  private static void swapBehaviors(CloudFrontFixtures fixtures) {
    String xml = fixtures.text(GREEN);
    int api = xml.indexOf("            <CacheBehavior>\n               <PathPattern>/api/*</PathPattern>");
    int images = xml.indexOf("            <CacheBehavior>\n               <PathPattern>/images/*</PathPattern>");
    int end = xml.indexOf("         </Items>\n      </CacheBehaviors>");
    fixtures.put(GREEN, xml.substring(0, api) + xml.substring(images, end) + xml.substring(api, images) + xml.substring(end));
  }

  private static void removeImagesBehavior(CloudFrontFixtures fixtures) {
    String xml = fixtures.text(GREEN);
    int images = xml.indexOf("            <CacheBehavior>\n               <PathPattern>/images/*</PathPattern>");
    int end = xml.indexOf("         </Items>\n      </CacheBehaviors>");
    fixtures.put(GREEN, xml.substring(0, images) + xml.substring(end));
    fixtures.edit(GREEN, "<CacheBehaviors>\n         <Quantity>2</Quantity>", "<CacheBehaviors>\n         <Quantity>1</Quantity>");
  }

  private static void removeErrorResponse403(CloudFrontFixtures fixtures) {
    String xml = fixtures.text(GREEN);
    int start = xml.indexOf("            <CustomErrorResponse>\n               <ErrorCode>403</ErrorCode>");
    int end = xml.indexOf("</CustomErrorResponse>\n", start) + "</CustomErrorResponse>\n".length();
    fixtures.put(GREEN, xml.substring(0, start) + xml.substring(end));
    fixtures.edit(GREEN, "<CustomErrorResponses>\n         <Quantity>2</Quantity>", "<CustomErrorResponses>\n         <Quantity>1</Quantity>");
  }
}
