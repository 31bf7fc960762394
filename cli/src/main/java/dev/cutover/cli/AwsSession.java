package dev.cutover.cli;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSupplier;
import software.amazon.awssdk.profiles.ProfileProperty;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The AWS side of one command: credentials, region and clients, from the global options and the
 * environment the command was given (never straight from {@code System.getenv()}, so tests and
 * the real thing take the same path). Clients are built on first use and closed with the session.
 *
 * <p>Credentials: {@code --profile} (or {@code AWS_PROFILE}) means that profile and nothing else,
 * as with the AWS CLI; otherwise {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY} (/
 * {@code AWS_SESSION_TOKEN}); otherwise the SDK's default chain (the default profile, web
 * identity, container and instance roles).
 */
final class AwsSession implements AutoCloseable {

  static final String LOCAL_DEFAULT_REGION = "us-east-1";

  private final GlobalOptions options;
  private final CliEnvironment environment;
  private final Map<Region, SfnClient> sfn = new HashMap<>();
  private final Map<Region, S3Client> s3 = new HashMap<>();
  private SdkHttpClient http;
  private AwsCredentialsProvider credentials;

  AwsSession(GlobalOptions options, CliEnvironment environment) {
    this.options = options;
    this.environment = environment;
  }

  /** The Step Functions endpoint, if not AWS's own: {@code --endpoint-url}, else the SDK's variables. */
  Optional<URI> sfnEndpoint() {
    return options.endpointUrl()
        .or(() -> environment.variable("AWS_ENDPOINT_URL_SFN").map(URI::create))
        .or(() -> environment.variable("AWS_ENDPOINT_URL").map(URI::create));
  }

  /** The S3 endpoint for reading reports: {@code --endpoint-url-s3}, else {@code AWS_ENDPOINT_URL_S3}. */
  Optional<URI> s3Endpoint() {
    return Optional.ofNullable(options.endpointUrlS3).or(() -> environment.variable("AWS_ENDPOINT_URL_S3").map(URI::create));
  }

  /** Where Step Functions calls go, for messages. */
  String sfnWhere(Region region) {
    return sfnEndpoint().map(u -> "the endpoint " + u).orElse("AWS Step Functions in " + region.id());
  }

  /**
   * The region: {@code --region}; else the one in the ARN the command works on; else {@code
   * AWS_REGION} / {@code AWS_DEFAULT_REGION}; else the profile's; else, against a local endpoint,
   * the endpoint's default.
   */
  Region region(Optional<String> fromArn) {
    return options.region()
        .or(() -> fromArn)
        .or(() -> environment.variable("AWS_REGION"))
        .or(() -> environment.variable("AWS_DEFAULT_REGION"))
        .or(this::profileRegion)
        .or(() -> sfnEndpoint().map(u -> LOCAL_DEFAULT_REGION))
        .map(Region::of)
        .orElseThrow(() -> CliException.usage("NO_REGION",
            "No AWS region: pass --region, set AWS_REGION, or give the execution's full ARN (it names its region)."));
  }

  SfnClient sfn(Region region) {
    return sfn.computeIfAbsent(region, r -> {
      var builder = SfnClient.builder().region(r).credentialsProvider(credentials()).httpClient(http())
          .overrideConfiguration(overrides());
      sfnEndpoint().ifPresent(builder::endpointOverride);
      return builder.build();
    });
  }

  S3Client s3(Region region) {
    return s3.computeIfAbsent(region, r -> {
      var builder = S3Client.builder().region(r).credentialsProvider(credentials()).httpClient(http())
          .overrideConfiguration(overrides());
      s3Endpoint().ifPresent(e -> builder.endpointOverride(e).forcePathStyle(true));
      return builder.build();
    });
  }

  /** The credentials every call is signed with; nothing is resolved until a call needs them. */
  AwsCredentialsProvider credentials() {
    if (credentials == null) {
      credentials = buildCredentials();
    }
    return credentials;
  }

  /** The profile in use, for messages: {@code --profile}, {@code AWS_PROFILE}, or none. */
  Optional<String> profile() {
    return options.profile().or(() -> environment.variable("AWS_PROFILE"));
  }

  private AwsCredentialsProvider buildCredentials() {
    Supplier<ProfileFile> files = ProfileFileSupplier.fixedProfileFile(profileFile());
    Optional<String> profile = profile();
    if (profile.isPresent()) {
      return ProfileCredentialsProvider.builder().profileFile(files).profileName(profile.get()).build();
    }
    Optional<String> key = environment.variable("AWS_ACCESS_KEY_ID");
    Optional<String> secret = environment.variable("AWS_SECRET_ACCESS_KEY");
    if (key.isPresent() && secret.isPresent()) {
      Optional<String> token = environment.variable("AWS_SESSION_TOKEN");
      AwsCredentials c = token.<AwsCredentials>map(t -> AwsSessionCredentials.create(key.get(), secret.get(), t))
          .orElseGet(() -> AwsBasicCredentials.create(key.get(), secret.get()));
      return StaticCredentialsProvider.create(c);
    }
    return DefaultCredentialsProvider.builder().profileFile(files).build();
  }

  /** ~/.aws/config and ~/.aws/credentials, or the files AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE name. */
  private ProfileFile profileFile() {
    String home = System.getProperty("user.home");
    Path config = environment.variable("AWS_CONFIG_FILE").map(Path::of).orElse(Path.of(home, ".aws", "config"));
    Path shared = environment.variable("AWS_SHARED_CREDENTIALS_FILE").map(Path::of).orElse(Path.of(home, ".aws", "credentials"));
    ProfileFile.Aggregator aggregator = ProfileFile.aggregator();
    if (Files.isReadable(shared)) {
      aggregator.addFile(ProfileFile.builder().content(shared).type(ProfileFile.Type.CREDENTIALS).build());
    }
    if (Files.isReadable(config)) {
      aggregator.addFile(ProfileFile.builder().content(config).type(ProfileFile.Type.CONFIGURATION).build());
    }
    return aggregator.build();
  }

  private Optional<String> profileRegion() {
    String name = profile().orElse("default");
    return profileFile().profile(name).flatMap(p -> p.property(ProfileProperty.REGION));
  }

  private SdkHttpClient http() {
    if (http == null) {
      http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).socketTimeout(Duration.ofSeconds(30)).build();
    }
    return http;
  }

  private static ClientOverrideConfiguration overrides() {
    return ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(90)).apiCallAttemptTimeout(Duration.ofSeconds(30)).build();
  }

  @Override
  public void close() {
    sfn.values().forEach(SfnClient::close);
    s3.values().forEach(S3Client::close);
    if (http != null) {
      http.close();
    }
  }
}
