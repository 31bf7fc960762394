package dev.cutover.aws;

import dev.cutover.errors.PreconditionFailedException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The one place AWS SDK clients are configured, so every step talks to AWS the same way: one
 * shared {@link UrlConnectionHttpClient}, call and attempt timeouts, the standard retry strategy,
 * the region from the environment, endpoint overrides for local runs, and cross-account
 * credentials from an STS assume-role provider built once per role and session.
 *
 * <p>A handler builds one factory per container and asks it for clients:
 *
 * <pre>{@code
 * S3Client green = clients.forAccount(plan.green().roleArn(), migrationId, greenRegion)
 *     .build(S3Client.builder(), "S3");
 * }</pre>
 *
 * <p>Endpoint overrides use the names the AWS SDKs and CLI read: {@code AWS_ENDPOINT_URL_<SERVICE>}
 * (the service id upper-cased, spaces as underscores) before {@code AWS_ENDPOINT_URL}. Clients that
 * need more than the endpoint against a local stand-in (S3 path-style addressing; S3 Control, which
 * puts the account id in front of the host, needs an endpoint provider) ask {@link
 * #endpointOverride(String)} and finish the builder from {@link Account#configure}.
 *
 * <p>Closing the factory closes the HTTP client, the STS client and the credential providers; the
 * SDK does not close an HTTP client it was given, so clients built here must not outlive it.
 */
public final class AwsClients implements AutoCloseable {

  /** Whole call including retries; long enough for three attempts and their backoff. */
  public static final Duration DEFAULT_API_CALL_TIMEOUT = Duration.ofSeconds(60);

  /** One HTTP attempt; a hung connection is abandoned and retried well before the call ends. */
  public static final Duration DEFAULT_API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(15);

  /**
   * Idle connections the JDK keeps per host for reuse ({@code http.maxConnections}; its default is
   * 5). The URLConnection client reuses a connection only if that cache had room for it, and a
   * step keeps more requests than that in flight per bucket (verify: 8 workers, each reading blue
   * and green at once), so without this most requests would open, and against AWS TLS-handshake,
   * a new connection. bench/verify.sh measured +28 % keys/s per object on a local server.
   */
  public static final int KEEP_ALIVE_CONNECTIONS_PER_HOST = 64;

  static {
    // The JDK reads the property once, when it first keeps a connection alive: set it before any
    // client exists, unless the operator has set it.
    if (System.getProperty("http.maxConnections") == null) {
      System.setProperty("http.maxConnections", Integer.toString(KEEP_ALIVE_CONNECTIONS_PER_HOST));
    }
  }

  private static final Pattern NOT_IN_ROLE_SESSION_NAME = Pattern.compile("[^\\w+=,.@-]");
  private static final String ROLE_SESSION_PREFIX = "cutover-";
  private static final int ROLE_SESSION_NAME_MAX = 64;

  private final Map<String, String> environment;
  private final AwsCredentialsProvider baseCredentials;
  private final SdkHttpClient httpClient;
  private final ClientOverrideConfiguration overrides;
  private final ConcurrentMap<RoleSession, StsAssumeRoleCredentialsProvider> assumedRoles =
      new ConcurrentHashMap<>();
  private StsClient sts;

  /** For the Lambda runtime: the process environment, default credentials, default timeouts. */
  public AwsClients() {
    this(DEFAULT_API_CALL_TIMEOUT, DEFAULT_API_CALL_ATTEMPT_TIMEOUT);
  }

  /** For steps whose calls need other timeouts than the defaults. */
  public AwsClients(Duration apiCallTimeout, Duration apiCallAttemptTimeout) {
    this(
        System.getenv(),
        DefaultCredentialsProvider.builder().build(),
        apiCallTimeout,
        apiCallAttemptTimeout);
  }

  /**
   * For the local runtime ({@code cutover rehearse}) and tests: an environment of its own instead of
   * the process's ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_<SERVICE>}: the embedded servers),
   * and the credentials to sign with.
   */
  public AwsClients(
      Map<String, String> environment,
      AwsCredentialsProvider baseCredentials,
      Duration apiCallTimeout,
      Duration apiCallAttemptTimeout) {
    this.environment = Map.copyOf(environment);
    this.baseCredentials = Objects.requireNonNull(baseCredentials, "baseCredentials");
    this.httpClient = UrlConnectionHttpClient.builder().build();
    this.overrides =
        ClientOverrideConfiguration.builder()
            .apiCallTimeout(apiCallTimeout)
            .apiCallAttemptTimeout(apiCallAttemptTimeout)
            .retryStrategy(RetryMode.STANDARD)
            .build();
  }

  /**
   * Clients for one side of the migration.
   *
   * @param roleArn the role to assume in that account; {@code null} or blank for the Lambda's own
   *     credentials
   * @param sessionName who is calling, for CloudTrail (callers pass the migration id); made to fit
   *     STS's role session name rules
   * @param region where that side's resources live
   */
  public Account forAccount(String roleArn, String sessionName, Region region) {
    Objects.requireNonNull(region, "region");
    if (roleArn == null || roleArn.isBlank()) {
      return new Account(baseCredentials, region);
    }
    RoleSession key = new RoleSession(roleArn, roleSessionName(sessionName));
    return new Account(assumedRoles.computeIfAbsent(key, this::assumeRole), region);
  }

  /** Clients with the Lambda's own credentials in the environment's region. */
  public Account forOwnAccount() {
    return new Account(baseCredentials, defaultRegion());
  }

  /**
   * The region from {@code AWS_REGION} (set by Lambda), else {@code AWS_DEFAULT_REGION}.
   *
   * @throws PreconditionFailedException when neither is set
   */
  public Region defaultRegion() {
    return setting("AWS_REGION")
        .or(() -> setting("AWS_DEFAULT_REGION"))
        .map(Region::of)
        .orElseThrow(
            () ->
                new PreconditionFailedException(
                    "No AWS region: set AWS_REGION (or AWS_DEFAULT_REGION) in the environment."));
  }

  /**
   * The endpoint a local run points this service at, from {@code AWS_ENDPOINT_URL_<SERVICE>} then
   * {@code AWS_ENDPOINT_URL}; empty in AWS.
   *
   * @param serviceId the SDK's service id, e.g. {@code "S3"}, {@code "S3 Control"}, {@code
   *     "CloudFront"}, {@code "STS"}
   * @throws PreconditionFailedException when the variable is set but not a URI
   */
  public Optional<URI> endpointOverride(String serviceId) {
    String specific =
        "AWS_ENDPOINT_URL_" + serviceId.strip().toUpperCase(Locale.ROOT).replace(' ', '_');
    for (String name : List.of(specific, "AWS_ENDPOINT_URL")) {
      Optional<String> value = setting(name);
      if (value.isPresent()) {
        try {
          return Optional.of(new URI(value.get()));
        } catch (URISyntaxException e) {
          throw new PreconditionFailedException(name + " is not a URI: " + e.getMessage(), e);
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    List<SdkAutoCloseable> owned = new ArrayList<>(assumedRoles.values());
    synchronized (this) {
      if (sts != null) {
        owned.add(sts);
      }
    }
    if (baseCredentials instanceof SdkAutoCloseable closeable) {
      owned.add(closeable);
    }
    owned.add(httpClient);
    owned.forEach(SdkAutoCloseable::close);
  }

  /**
   * STS allows {@code [\w+=,.@-]}, 2 to 64 characters. Other characters become {@code -}; a long
   * name keeps its end, where an execution ARN carries the execution's name.
   */
  static String roleSessionName(String sessionName) {
    if (sessionName == null || sessionName.isBlank()) {
      throw new IllegalArgumentException("A role session name is needed to assume a role");
    }
    String cleaned = NOT_IN_ROLE_SESSION_NAME.matcher(sessionName.strip()).replaceAll("-");
    int room = ROLE_SESSION_NAME_MAX - ROLE_SESSION_PREFIX.length();
    return ROLE_SESSION_PREFIX
        + (cleaned.length() <= room ? cleaned : cleaned.substring(cleaned.length() - room));
  }

  private StsAssumeRoleCredentialsProvider assumeRole(RoleSession role) {
    return StsAssumeRoleCredentialsProvider.builder()
        .stsClient(sts())
        .refreshRequest(r -> r.roleArn(role.roleArn()).roleSessionName(role.sessionName()))
        .build();
  }

  private synchronized StsClient sts() {
    if (sts == null) {
      sts = forOwnAccount().build(StsClient.builder(), "STS");
    }
    return sts;
  }

  private Optional<String> setting(String name) {
    return Optional.ofNullable(environment.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  private record RoleSession(String roleArn, String sessionName) {}

  /**
   * The credentials and region a set of clients share: one side of the migration, or the Lambda's
   * own account.
   */
  public final class Account {

    private final AwsCredentialsProvider credentials;
    private final Region region;

    private Account(AwsCredentialsProvider credentials, Region region) {
      this.credentials = credentials;
      this.region = region;
    }

    /** Configures and builds a client of any SDK v2 service, e.g. {@code S3Client.builder()}. */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
        B builder, String serviceId) {
      return configure(builder, serviceId).build();
    }

    /**
     * Sets the shared HTTP client, timeouts, retry strategy, region, credentials and any endpoint
     * override on the builder, and returns it for service-specific settings.
     *
     * @param serviceId the SDK's service id, which names the endpoint override variable
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
        B builder, String serviceId) {
      builder
          .httpClient(httpClient)
          .overrideConfiguration(overrides)
          .region(region)
          .credentialsProvider(credentials);
      endpointOverride(serviceId).ifPresent(builder::endpointOverride);
      return builder;
    }

    public Region region() {
      return region;
    }

    /** For SDK types that are not clients, such as presigners. */
    public AwsCredentialsProvider credentials() {
      return credentials;
    }
  }
}
