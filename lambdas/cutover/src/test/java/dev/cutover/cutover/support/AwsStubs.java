package dev.cutover.cutover.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.aws.AwsClients;
import dev.cutover.cutover.aws.RawXmlBodies;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.acm.AcmClient;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * WireMock stand-ins for CloudFront, Route 53 and ACM on loopback, and SDK clients pointed at them
 * the way {@code AwsPorts} builds its clients for a local endpoint (UrlConnection client, the
 * factory's timeouts, {@link RawXmlBodies} on CloudFront), with one difference: the SDK's own
 * retries are off, so every attempt the step makes reaches the stub and the step's own bounded
 * retries are what a test sees.
 */
public final class AwsStubs {

  private AwsStubs() {}

  public static WireMockExtension server() {
    return WireMockExtension.newInstance().options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();
  }

  public static CloudFrontClient cloudFront(WireMockExtension stub) {
    return RawXmlBodies.install(
            CloudFrontClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().build())
                .region(Region.AWS_GLOBAL)
                .credentialsProvider(credentials())
                .overrideConfiguration(overrides())
                .endpointOverride(endpoint(stub)))
        .build();
  }

  public static Route53Client route53(WireMockExtension stub) {
    return Route53Client.builder()
        .httpClient(UrlConnectionHttpClient.builder().build())
        .region(Region.AWS_GLOBAL)
        .credentialsProvider(credentials())
        .overrideConfiguration(overrides())
        .endpointOverride(endpoint(stub))
        .build();
  }

  public static AcmClient acm(WireMockExtension stub) {
    return AcmClient.builder()
        .httpClient(UrlConnectionHttpClient.builder().build())
        .region(Region.US_EAST_1)
        .credentialsProvider(credentials())
        .overrideConfiguration(overrides())
        .endpointOverride(endpoint(stub))
        .build();
  }

  /** The request body as a namespace-aware DOM, for XPath on local names. */
  public static Document xml(LoggedRequest request) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      return factory.newDocumentBuilder().parse(new ByteArrayInputStream(request.getBody()));
    } catch (Exception e) {
      throw new AssertionError("request body is not XML: " + request.getBodyAsString(), e);
    }
  }

  /** Texts of the elements at {@code path}, a path of local names like {@code /A/B/C}. */
  public static List<String> texts(Document doc, String path) {
    StringBuilder xpath = new StringBuilder();
    for (String step : path.substring(1).split("/")) {
      xpath.append("/*[local-name()='").append(step).append("']");
    }
    try {
      NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath.toString(), doc, XPathConstants.NODESET);
      List<String> out = new ArrayList<>();
      for (int i = 0; i < nodes.getLength(); i++) {
        out.add(nodes.item(i).getTextContent().strip());
      }
      return out;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  public static String text(Document doc, String path) {
    List<String> all = texts(doc, path);
    if (all.size() != 1) {
      throw new AssertionError("expected one " + path + ", found " + all);
    }
    return all.getFirst();
  }

  private static URI endpoint(WireMockExtension stub) {
    return URI.create("http://127.0.0.1:" + stub.getPort());
  }

  private static StaticCredentialsProvider credentials() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIAEXAMPLE000000000", "secret"));
  }

  private static ClientOverrideConfiguration overrides() {
    return ClientOverrideConfiguration.builder()
        .apiCallTimeout(AwsClients.DEFAULT_API_CALL_TIMEOUT)
        .apiCallAttemptTimeout(AwsClients.DEFAULT_API_CALL_ATTEMPT_TIMEOUT)
        .retryStrategy(AwsRetryStrategy.doNotRetry())
        .build();
  }
}
