package dev.cutover.parity.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;

/**
 * Two equivalent distributions in two accounts, as the CloudFront API returns them (REST-XML in
 * the {@value #NAMESPACE} namespace, ETag headers), served by a WireMock on loopback with
 * everything they reference: custom cache and response headers policies, origin access
 * controls, CloudFront Functions. Blue (account 111122223333) is a console-made legacy
 * distribution; green (444455556666) is its copy made by a stack: every id, name, comment, alias,
 * certificate, log bucket and list order that may differ between accounts does.
 *
 * <p>A test edits one resource ({@link #edit}) to introduce one drift, then {@link #install}s.
 */
public final class CloudFrontFixtures {

  public static final String NAMESPACE = "http://cloudfront.amazonaws.com/doc/2020-05-31/";

  public static final String BLUE_DISTRIBUTION = "E2QWRUHAPOMQZL";
  public static final String GREEN_DISTRIBUTION = "E3ABCDEF123456";
  public static final String BLUE_DOMAIN = "d111111abcdef8.cloudfront.net";
  public static final String GREEN_DOMAIN = "d222222abcdef8.cloudfront.net";
  public static final String BLUE_ETAG = "E1QSDF0EXAMPLE";
  public static final String GREEN_ETAG = "E3XVNY0EXAMPLE";
  public static final String BLUE_CACHE_POLICY = "1f0e2d3c-4b5a-4978-8695-a4b3c2d1e0f9";
  public static final String GREEN_CACHE_POLICY = "7c6b5a49-3827-4165-a453-2f1e0d9c8b7a";
  public static final String BLUE_HEADERS_POLICY = "5e4d3c2b-1a09-4877-8665-544332211009";
  public static final String GREEN_HEADERS_POLICY = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
  public static final String BLUE_OAC = "E1LEGACYOAC001";
  public static final String GREEN_OAC = "E3PLATFORMOAC1";
  public static final String BLUE_FUNCTION = "legacy-url-rewrite";
  public static final String GREEN_FUNCTION = "url-rewrite";

  private final Map<String, String> resources = new LinkedHashMap<>();

  public CloudFrontFixtures() {
    for (String side : new String[] {"blue", "green"}) {
      for (String kind : new String[] {"distribution", "cache-policy", "response-headers-policy", "origin-access-control", "function"}) {
        String name = side + "-" + kind + ".xml";
        resources.put(name, load(name));
      }
      resources.put(side + "-function-code", load("url-rewrite.js"));
    }
  }

  /** A WireMock bound to loopback. */
  public static WireMockExtension extension() {
    return WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();
  }

  /** A CloudFront client against the stub, configured as AwsClients configures one, with retries as given. */
  public static CloudFrontClient client(WireMockExtension stub, RetryMode retries) {
    return CloudFrontClient.builder()
        .httpClient(UrlConnectionHttpClient.builder().build())
        .region(Region.AWS_GLOBAL)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEXAMPLE000000000", "secret")))
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .apiCallTimeout(Duration.ofSeconds(20))
                .apiCallAttemptTimeout(Duration.ofSeconds(5))
                .retryStrategy(retries)
                .build())
        .endpointOverride(URI.create("http://127.0.0.1:" + stub.getPort()))
        .build();
  }

  /** The text of a resource, e.g. {@code green-distribution.xml}. */
  public String text(String resource) {
    return resources.get(resource);
  }

  /** Replaces the one occurrence of {@code old} in {@code resource}; fails if there is not exactly one. */
  public CloudFrontFixtures edit(String resource, String old, String replacement) {
    String text = resources.get(resource);
    int at = text.indexOf(old);
    if (at < 0 || text.indexOf(old, at + 1) >= 0) {
      throw new IllegalArgumentException("\"" + old + "\" must occur exactly once in " + resource);
    }
    resources.put(resource, text.replace(old, replacement));
    return this;
  }

  /** Replaces a resource whole (for the function code). */
  public CloudFrontFixtures put(String resource, String text) {
    resources.put(resource, text);
    return this;
  }

  /** Serves both sides' resources on {@code stub}. */
  public void install(WireMockExtension stub) {
    xml(stub, "/2020-05-31/distribution/" + BLUE_DISTRIBUTION, "blue-distribution.xml", BLUE_ETAG);
    xml(stub, "/2020-05-31/distribution/" + GREEN_DISTRIBUTION, "green-distribution.xml", GREEN_ETAG);
    xml(stub, "/2020-05-31/cache-policy/" + BLUE_CACHE_POLICY, "blue-cache-policy.xml", "E2CPBLUE0EXAMPLE");
    xml(stub, "/2020-05-31/cache-policy/" + GREEN_CACHE_POLICY, "green-cache-policy.xml", "E2CPGREEN0EXAMPLE");
    xml(stub, "/2020-05-31/response-headers-policy/" + BLUE_HEADERS_POLICY, "blue-response-headers-policy.xml", "E2RHBLUE0EXAMPLE");
    xml(stub, "/2020-05-31/response-headers-policy/" + GREEN_HEADERS_POLICY, "green-response-headers-policy.xml", "E2RHGREEN0EXAMPLE");
    xml(stub, "/2020-05-31/origin-access-control/" + BLUE_OAC, "blue-origin-access-control.xml", "E2OACBLUE0EXAMPLE");
    xml(stub, "/2020-05-31/origin-access-control/" + GREEN_OAC, "green-origin-access-control.xml", "E2OACGREEN0EXAMPLE");
    function(stub, BLUE_FUNCTION, "blue");
    function(stub, GREEN_FUNCTION, "green");
  }

  private void xml(WireMockExtension stub, String path, String resource, String etag) {
    stub.stubFor(get(urlEqualTo(path)).willReturn(xmlResponse(resources.get(resource), etag)));
  }

  /** DescribeFunction is {@code GET /function/{Name}/describe?Stage=}; GetFunction returns the code itself. */
  private void function(WireMockExtension stub, String name, String side) {
    stub.stubFor(get(urlEqualTo("/2020-05-31/function/" + name + "/describe?Stage=LIVE"))
        .willReturn(xmlResponse(resources.get(side + "-function.xml"), "E3FN" + side.toUpperCase() + "EXAMPLE")));
    stub.stubFor(get(urlEqualTo("/2020-05-31/function/" + name + "?Stage=LIVE"))
        .willReturn(aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/octet-stream")
            .withHeader("ETag", "E3FN" + side.toUpperCase() + "EXAMPLE")
            .withHeader("x-amz-request-id", "c3f1d1a2-0000-4000-8000-00000000f00d")
            .withBody(resources.get(side + "-function-code").getBytes(StandardCharsets.UTF_8))));
  }

  public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xmlResponse(String body, String etag) {
    return aResponse()
        .withStatus(200)
        .withHeader("Content-Type", "text/xml")
        .withHeader("ETag", etag)
        .withHeader("x-amz-request-id", "4a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d")
        .withBody(body);
  }

  /** A CloudFront error response ({@code <ErrorResponse><Error><Type><Code><Message>}). */
  public static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, String code, String message) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "text/xml")
        .withHeader("x-amz-request-id", "5b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e")
        .withBody("""
            <?xml version="1.0"?>
            <ErrorResponse xmlns="%s">
               <Error>
                  <Type>Sender</Type>
                  <Code>%s</Code>
                  <Message>%s</Message>
               </Error>
               <RequestId>5b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e</RequestId>
            </ErrorResponse>
            """.formatted(NAMESPACE, code, message));
  }

  private static String load(String name) {
    try (InputStream in = CloudFrontFixtures.class.getResourceAsStream("/cloudfront/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource /cloudfront/" + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
