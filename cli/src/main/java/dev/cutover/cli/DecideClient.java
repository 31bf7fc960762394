package dev.cutover.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * POSTs a decision to the decide function URL ({@code AuthType AWS_IAM}), signed with SigV4 for
 * service {@code lambda} by the SDK's own signer and the caller's credentials: Lambda checks the
 * signature and hands the decide function the authenticated principal, which is who the decision
 * is recorded as. The local runtime's decide URL takes the same request.
 */
final class DecideClient {

  /** A function URL: https://URL-ID.lambda-url.REGION.on.aws/ */
  private static final Pattern FUNCTION_URL_HOST = Pattern.compile("[a-z0-9]+\\.lambda-url\\.([a-z0-9-]+)\\.on\\.aws");
  /** Headers java.net.http sets itself and refuses to be given. */
  private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

  record Response(int status, String body) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final AwsCredentialsProvider credentials;

  DecideClient(AwsCredentialsProvider credentials) {
    this.credentials = credentials;
  }

  /** The region a function URL is in, from its host name, if it is an AWS one. */
  static Optional<String> regionOf(URI url) {
    Matcher m = FUNCTION_URL_HOST.matcher(String.valueOf(url.getHost()).toLowerCase(Locale.ROOT));
    return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
  }

  Response post(URI url, String region, String body) throws IOException, InterruptedException {
    SdkHttpFullRequest request = SdkHttpFullRequest.builder()
        .method(SdkHttpMethod.POST)
        .uri(url)
        .putHeader("Content-Type", "application/json")
        .build();
    SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
        .identity(credentials.resolveCredentials())
        .request(request)
        .payload(ContentStreamProvider.fromUtf8String(body))
        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "lambda")
        .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    HttpRequest.Builder send = HttpRequest.newBuilder(url)
        .timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    signed.request().forEachHeader((name, values) -> {
      if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
        values.forEach(v -> send.header(name, v));
      }
    });
    HttpResponse<String> response = http.send(send.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Response(response.statusCode(), response.body());
  }
}
