package dev.cutover.parity.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.cutover.parity.support.CloudFrontFixtures.BLUE_CACHE_POLICY;
import static dev.cutover.parity.support.CloudFrontFixtures.BLUE_DISTRIBUTION;
import static dev.cutover.parity.support.CloudFrontFixtures.BLUE_HEADERS_POLICY;
import static dev.cutover.parity.support.CloudFrontFixtures.BLUE_OAC;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.errors.TransientException;
import dev.cutover.parity.port.DistributionSnapshot;
import dev.cutover.parity.port.EdgeFunction;
import dev.cutover.parity.support.CloudFrontFixtures;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

/** The CloudFront adapter against a stub speaking the API reference's REST-XML: what it asks, what it reads back. */
class CloudFrontEdgeConfigsTest {

  private static final String ROLE = "arn:aws:iam::111122223333:role/cutover-source";

  @RegisterExtension
  static final WireMockExtension CLOUDFRONT = CloudFrontFixtures.extension();

  private static CloudFrontClient client;
  private CloudFrontEdgeConfigs edge;

  @BeforeAll
  static void client() {
    client = CloudFrontFixtures.client(CLOUDFRONT, RetryMode.STANDARD);
  }

  @AfterAll
  static void close() {
    client.close();
  }

  @BeforeEach
  void fixtures() {
    new CloudFrontFixtures().install(CLOUDFRONT);
    edge = new CloudFrontEdgeConfigs(client, ROLE);
  }

  @Test
  void a_distribution_is_read_with_one_get_distribution_and_its_etag() {
    DistributionSnapshot d = edge.distribution(BLUE_DISTRIBUTION);

    CLOUDFRONT.verify(getRequestedFor(urlEqualTo("/2020-05-31/distribution/" + BLUE_DISTRIBUTION))
        .withHeader("If-Match", absent())
        .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.containing("/cloudfront/aws4_request")));
    assertThat(CLOUDFRONT.getAllServeEvents()).hasSize(1);
    assertThat(d.id()).isEqualTo(BLUE_DISTRIBUTION);
    assertThat(d.etag()).isEqualTo(CloudFrontFixtures.BLUE_ETAG);
    assertThat(d.domainName()).isEqualTo(CloudFrontFixtures.BLUE_DOMAIN);
    assertThat(d.status()).isEqualTo("Deployed");
  }

  @Test
  void the_configuration_comes_back_in_api_shape() {
    JsonNode config = edge.distribution(BLUE_DISTRIBUTION).config();

    assertThat(config.get("Origins").isArray()).isTrue();
    assertThat(config.get("Origins")).hasSize(2);
    assertThat(config.at("/Origins/0/Id").asText()).isEqualTo("S3-legacy-web-assets");
    assertThat(config.get("Aliases")).hasSize(1);
    assertThat(config.at("/DefaultCacheBehavior/AllowedMethods/Items")).hasSize(3);
    assertThat(config.at("/DefaultCacheBehavior/AllowedMethods/CachedMethods").isArray()).as("a wrapper of only Quantity and Items is its array").isTrue();
    assertThat(config.at("/DefaultCacheBehavior/TrustedSigners/Enabled").asBoolean(true)).isFalse();
    assertThat(config.at("/DefaultCacheBehavior/TrustedSigners/Items").isArray()).as("an empty list is [] beside its siblings").isTrue();
    assertThat(config.at("/DefaultCacheBehavior/LambdaFunctionAssociations").isArray()).isTrue();
    assertThat(config.at("/CacheBehaviors/1/PathPattern").asText()).isEqualTo("/images/*");
    assertThat(config.at("/CustomErrorResponses/0/ErrorCode").asInt()).isEqualTo(403);
    assertThat(config.at("/Restrictions/GeoRestriction/RestrictionType").asText()).isEqualTo("blacklist");
    assertThat(config.at("/IsIPV6Enabled").asBoolean()).isTrue();
    assertThat(config.at("/WebACLId").asText()).startsWith("arn:aws:wafv2:");
    assertThat(fieldNames(config)).doesNotContain("Quantity").contains("PathPattern", "OriginAccessControlId", "HttpVersion");
  }

  @Test
  void policies_and_origin_access_controls_are_read_by_id() {
    CLOUDFRONT.stubFor(get(urlEqualTo("/2020-05-31/origin-request-policy/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e"))
        .willReturn(CloudFrontFixtures.xmlResponse("""
            <?xml version="1.0" encoding="UTF-8"?>
            <OriginRequestPolicy xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">
               <Id>0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e</Id>
               <LastModifiedTime>2023-08-01T12:07:00.000Z</LastModifiedTime>
               <OriginRequestPolicyConfig>
                  <Comment>Forward the CORS request headers</Comment>
                  <Name>legacy-cors-headers</Name>
                  <HeadersConfig>
                     <HeaderBehavior>whitelist</HeaderBehavior>
                     <Headers>
                        <Quantity>3</Quantity>
                        <Items>
                           <Name>Origin</Name>
                           <Name>Access-Control-Request-Method</Name>
                           <Name>Access-Control-Request-Headers</Name>
                        </Items>
                     </Headers>
                  </HeadersConfig>
                  <CookiesConfig>
                     <CookieBehavior>none</CookieBehavior>
                  </CookiesConfig>
                  <QueryStringsConfig>
                     <QueryStringBehavior>none</QueryStringBehavior>
                  </QueryStringsConfig>
               </OriginRequestPolicyConfig>
            </OriginRequestPolicy>
            """, "E2ORPBLUE0EXAMPLE")));

    JsonNode cache = edge.cachePolicy(BLUE_CACHE_POLICY);
    JsonNode originRequest = edge.originRequestPolicy("0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e");
    JsonNode headers = edge.responseHeadersPolicy(BLUE_HEADERS_POLICY);
    JsonNode oac = edge.originAccessControl(BLUE_OAC);

    CLOUDFRONT.verify(getRequestedFor(urlEqualTo("/2020-05-31/cache-policy/" + BLUE_CACHE_POLICY)));
    CLOUDFRONT.verify(getRequestedFor(urlEqualTo("/2020-05-31/origin-request-policy/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e")));
    CLOUDFRONT.verify(getRequestedFor(urlEqualTo("/2020-05-31/response-headers-policy/" + BLUE_HEADERS_POLICY)));
    CLOUDFRONT.verify(getRequestedFor(urlEqualTo("/2020-05-31/origin-access-control/" + BLUE_OAC)));
    assertThat(cache.get("Name").asText()).isEqualTo("legacy-assets-long-cache");
    assertThat(cache.at("/ParametersInCacheKeyAndForwardedToOrigin/QueryStringsConfig/QueryStrings/0").asText()).isEqualTo("v");
    assertThat(originRequest.at("/HeadersConfig/Headers")).hasSize(3);
    assertThat(headers.at("/CorsConfig/AccessControlAllowOrigins/1").asText()).isEqualTo("https://www.example.com");
    assertThat(headers.at("/CustomHeadersConfig/0/Header").asText()).isEqualTo("X-Content-Source");
    assertThat(oac.get("SigningBehavior").asText()).isEqualTo("always");
    assertThat(oac.get("OriginAccessControlOriginType").asText()).isEqualTo("s3");
  }

  @Test
  void a_function_is_its_live_stage_code_hash_and_runtime() throws Exception {
    CloudFrontFixtures fixtures = new CloudFrontFixtures();
    fixtures.edit("blue-function.xml", "<Quantity>0</Quantity>", """
        <Quantity>1</Quantity>
                 <Items>
                    <KeyValueStoreAssociation>
                       <KeyValueStoreARN>arn:aws:cloudfront::111122223333:key-value-store/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111</KeyValueStoreARN>
                    </KeyValueStoreAssociation>
                 </Items>""");
    fixtures.install(CLOUDFRONT);

    EdgeFunction function = edge.function(CloudFrontFixtures.BLUE_FUNCTION);

    CLOUDFRONT.verify(getRequestedFor(urlEqualTo("/2020-05-31/function/legacy-url-rewrite/describe?Stage=LIVE")));
    CLOUDFRONT.verify(getRequestedFor(urlEqualTo("/2020-05-31/function/legacy-url-rewrite?Stage=LIVE")));
    byte[] code = fixtures.text("blue-function-code").getBytes(StandardCharsets.UTF_8);
    assertThat(function.codeSha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(code)));
    assertThat(function.runtime()).isEqualTo("cloudfront-js-2.0");
    assertThat(function.keyValueStores()).isEqualTo(1);
  }

  @Test
  void a_distribution_that_does_not_exist_names_role_and_distribution() {
    CLOUDFRONT.stubFor(get(urlEqualTo("/2020-05-31/distribution/E0NOTTHERE0000"))
        .willReturn(CloudFrontFixtures.error(404, "NoSuchDistribution", "The specified distribution does not exist.")));

    Throwable e = catchThrowable(() -> edge.distribution("E0NOTTHERE0000"));

    assertThat(e).isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("CloudFront distribution E0NOTTHERE0000 does not exist in the account of role " + ROLE)
        .hasMessageContaining("NoSuchDistribution");
  }

  @Test
  void a_role_that_may_not_read_is_named_with_the_action_to_allow() {
    CLOUDFRONT.stubFor(get(urlEqualTo("/2020-05-31/distribution/" + BLUE_DISTRIBUTION)).atPriority(1)
        .willReturn(CloudFrontFixtures.error(403, "AccessDenied", "User: arn:aws:sts::111122223333:assumed-role/cutover-source/cutover-x is not authorized to perform: cloudfront:GetDistribution")));

    Throwable e = catchThrowable(() -> edge.distribution(BLUE_DISTRIBUTION));

    assertThat(e).isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("GetDistribution of CloudFront distribution " + BLUE_DISTRIBUTION + " was denied to role " + ROLE)
        .hasMessageContaining("Allow cloudfront:GetDistribution");
  }

  @Test
  void a_missing_policy_or_function_is_a_precondition_naming_it() {
    CLOUDFRONT.stubFor(get(urlEqualTo("/2020-05-31/cache-policy/00000000-0000-4000-8000-000000000000"))
        .willReturn(CloudFrontFixtures.error(404, "NoSuchCachePolicy", "The cache policy does not exist.")));
    CLOUDFRONT.stubFor(get(urlPathMatching("/2020-05-31/function/gone(/describe)?"))
        .willReturn(CloudFrontFixtures.error(404, "NoSuchFunctionExists", "The function does not exist.")));

    assertThat(catchThrowable(() -> edge.cachePolicy("00000000-0000-4000-8000-000000000000")))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("cache policy 00000000-0000-4000-8000-000000000000 does not exist in the account of role " + ROLE);
    assertThat(catchThrowable(() -> edge.function("gone")))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessageContaining("CloudFront Function gone (LIVE stage) does not exist")
        .hasMessageContaining("NoSuchFunctionExists");
  }

  @Test
  void throttling_and_server_errors_are_transient() {
    CLOUDFRONT.stubFor(get(urlEqualTo("/2020-05-31/distribution/" + BLUE_DISTRIBUTION)).atPriority(1)
        .willReturn(CloudFrontFixtures.error(400, "Throttling", "Rate exceeded")));
    CLOUDFRONT.stubFor(get(urlEqualTo("/2020-05-31/cache-policy/" + BLUE_CACHE_POLICY)).atPriority(1)
        .willReturn(CloudFrontFixtures.error(503, "ServiceUnavailable", "Service unavailable")));

    assertThat(catchThrowable(() -> edge.distribution(BLUE_DISTRIBUTION)))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("Throttling");
    assertThat(catchThrowable(() -> edge.cachePolicy(BLUE_CACHE_POLICY)))
        .isInstanceOf(TransientException.class)
        .hasMessageContaining("ServiceUnavailable");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    collect(node, names);
    return names;
  }

  private static void collect(JsonNode node, List<String> names) {
    if (node.isObject()) {
      node.properties().forEach(e -> {
        names.add(e.getKey());
        collect(e.getValue(), names);
      });
    } else if (node.isArray()) {
      node.forEach(n -> collect(n, names));
    }
  }
}
