package dev.cutover.local.s3;

import com.adobe.testing.s3mock.S3MockApplication;
import com.adobe.testing.s3mock.s3.store.BucketStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * The rehearsal's S3: a real S3 wire-protocol server in this process, on an ephemeral port of
 * 127.0.0.1, that the step adapters reach unchanged through an SDK client with an endpoint
 * override and path-style addressing (what {@code AwsClients} builds when {@code
 * AWS_ENDPOINT_URL_S3} is set).
 *
 * <p>The server is S3Mock 5.2.0, chosen by measurement (local/s3/README.md): it is the one
 * candidate that stores every field verify compares (Content-Type, Cache-Control, the other
 * representation headers, user metadata, tags, storage class, checksums as uploaded, multipart
 * composite checksums) and keeps them through CopyObject. Two things are added to it:
 *
 * <ul>
 *   <li>its bucket store keeps each bucket's key index in memory ({@link BucketStore} shadows the
 *       5.2.0 class): stock, every request re-reads the whole index, so operations slow as the
 *       bucket grows (75 HEAD/s at 10 000 objects);
 *   <li>a filter ({@code S3Filter}) that stores Put/Get/DeleteBucketReplication bodies byte for
 *       byte (S3Mock has no replication API; a versioning-enabled bucket is required, as on S3),
 *       and calls {@link #onWrite} listeners after each successful PutObject, CopyObject,
 *       CompleteMultipartUpload and DeleteObject.
 * </ul>
 *
 * <p>Objects live in a fresh temporary directory, removed by {@link #close()}. Credentials are not
 * checked; any client from {@link #clientBuilder()} works for every bucket. Several instances may
 * run in one JVM.
 */
public final class LocalS3 implements AutoCloseable {

  /** The only S3Mock version the shadowed {@link BucketStore} is valid for. */
  public static final String S3MOCK_VERSION = "5.2.0";

  /**
   * S3Mock runs on Tomcat, which logs a dozen INFO lines per start and stop through
   * java.util.logging to stderr, in the middle of a rehearsal's progress: WARNING and above only,
   * unless the application set a level. Held here because java.util.logging keeps loggers weakly.
   */
  private static final java.util.logging.Logger TOMCAT_LOGS = java.util.logging.Logger.getLogger("org.apache");

  /** The region every bucket reports and every client signs for. */
  public static final Region REGION = Region.US_EAST_1;

  private final String id;
  private final Hooks hooks;
  private final S3MockApplication server;
  private final Path root;
  private final URI endpoint;
  private final S3Client admin;

  private LocalS3(String id, Hooks hooks, S3MockApplication server, Path root) {
    this.id = id;
    this.hooks = hooks;
    this.server = server;
    this.root = root;
    this.endpoint = URI.create("http://127.0.0.1:" + server.getHttpPort());
    this.admin = clientBuilder().build();
  }

  /**
   * Starts a server on 127.0.0.1 with an ephemeral port (a few seconds: Spring Boot).
   *
   * @throws IllegalStateException if S3Mock is not 5.2.0, or its own BucketStore was loaded
   *     instead of this module's (put cutover-local-s3 ahead of S3Mock on the class path)
   */
  public static LocalS3 start() {
    checkShadowedStore();
    if (TOMCAT_LOGS.getLevel() == null) {
      TOMCAT_LOGS.setLevel(java.util.logging.Level.WARNING);
    }
    // Keep Spring Boot from reconfiguring the JVM's logging (the steps' JSON logs live there).
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    String id = UUID.randomUUID().toString();
    Hooks hooks = new Hooks();
    Hooks.REGISTRY.put(id, hooks);
    Path root;
    try {
      root = Files.createTempDirectory("cutover-local-s3-");
    } catch (IOException e) {
      Hooks.REGISTRY.remove(id);
      throw new UncheckedIOException(e);
    }
    Map<String, Object> properties = new HashMap<>();
    properties.put("server.address", "127.0.0.1");
    properties.put("server.port", "0");
    properties.put("http.port", "0");
    properties.put("com.adobe.testing.s3mock.store.root", root.toString());
    properties.put("com.adobe.testing.s3mock.store.retainFilesOnExit", "false");
    properties.put("com.adobe.testing.s3mock.store.region", REGION.id());
    properties.put("spring.main.sources", LocalS3Hooks.class.getName());
    properties.put("spring.main.banner-mode", "off");
    properties.put("silent", "true");
    properties.put(LocalS3Hooks.INSTANCE_PROPERTY, id);
    try {
      return new LocalS3(id, hooks, S3MockApplication.start(properties), root);
    } catch (RuntimeException e) {
      Hooks.REGISTRY.remove(id);
      deleteRecursively(root);
      throw e;
    }
  }

  /** The server's plain-HTTP endpoint, e.g. {@code http://127.0.0.1:41234}. */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * Creates a bucket; with {@code versioned}, turns versioning on (replication needs it on both
   * the source and the destination).
   */
  public void createBucket(String name, boolean versioned) {
    admin.createBucket(r -> r.bucket(name));
    if (versioned) {
      admin.putBucketVersioning(
          r -> r.bucket(name).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
    }
  }

  /**
   * A client builder for this server, configured as {@code AwsClients} configures one for a local
   * run: endpoint override, path-style addressing, static credentials, region us-east-1, the
   * UrlConnection HTTP client, standard retries. Callers add what their adapter needs (e.g.
   * replication's {@code RawXmlBodies.install}) and build.
   */
  public S3ClientBuilder clientBuilder() {
    return S3Client.builder()
        .httpClient(UrlConnectionHttpClient.builder().build())
        .endpointOverride(endpoint)
        .forcePathStyle(true)
        .region(REGION)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD));
  }

  /** A new client from {@link #clientBuilder()}; the caller closes it. */
  public S3Client newClient() {
    return clientBuilder().build();
  }

  /**
   * Registers a listener for every successful PutObject, CopyObject, CompleteMultipartUpload and
   * DeleteObject, in any bucket, from now on; see {@link ObjectWriteListener} for when it runs.
   */
  public void onWrite(ObjectWriteListener listener) {
    hooks.listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Answers {@code fraction} (0 to 1) of the requests made with temporary credentials (the steps,
   * as the roles they assume) with 503 SlowDown, as S3 does under request-rate pressure; requests
   * with long-term keys are never throttled. 0 ends it.
   */
  public void throttleAssumedRoles(double fraction) {
    if (!(fraction >= 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be between 0 and 1, not " + fraction);
    }
    hooks.throttle = fraction;
  }

  /** Requests answered SlowDown so far. */
  public long throttledRequests() {
    return hooks.throttled.get();
  }

  /** Stops telling {@code listener} of writes. */
  public void removeWriteListener(ObjectWriteListener listener) {
    hooks.listeners.remove(listener);
  }

  /**
   * The replication configuration last put on {@code bucket}, the XML bytes exactly as sent: the
   * local replication copier reads its rules here without a round trip.
   */
  public Optional<byte[]> replicationConfiguration(String bucket) {
    return Optional.ofNullable(hooks.replication.get(bucket)).map(byte[]::clone);
  }

  /** Stops the server and removes its files and listeners. */
  @Override
  public void close() {
    try {
      admin.close();
      server.stop();
    } finally {
      Hooks.REGISTRY.remove(id);
      deleteRecursively(root);
    }
  }

  /** The S3Mock version on the class path, from its Maven metadata; empty if it has none. */
  static Optional<String> s3MockVersion() {
    try (InputStream in =
        S3MockApplication.class.getResourceAsStream("/META-INF/maven/com.adobe.testing/s3mock/pom.properties")) {
      if (in == null) {
        return Optional.empty();
      }
      Properties properties = new Properties();
      properties.load(in);
      return Optional.ofNullable(properties.getProperty("version"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether S3Mock's BucketStore is this module's, loaded from the same place as this class. */
  static boolean storeIsShadowed() {
    CodeSource ours = LocalS3.class.getProtectionDomain().getCodeSource();
    CodeSource store = BucketStore.class.getProtectionDomain().getCodeSource();
    return ours != null && store != null && ours.getLocation().equals(store.getLocation());
  }

  private static void checkShadowedStore() {
    Optional<String> version = s3MockVersion();
    if (!version.equals(Optional.of(S3MOCK_VERSION))) {
      throw new IllegalStateException(
          "LocalS3's in-memory BucketStore is written for S3Mock " + S3MOCK_VERSION + " but the class path has "
              + version.orElse("an unknown version") + "; pin com.adobe.testing:s3mock to " + S3MOCK_VERSION
              + " or port local/s3's BucketStore to the new version");
    }
    if (!storeIsShadowed()) {
      throw new IllegalStateException(
          "S3Mock's own BucketStore was loaded from " + BucketStore.class.getProtectionDomain().getCodeSource()
              + " instead of cutover-local-s3's: declare cutover-local-s3 before anything that brings"
              + " com.adobe.testing:s3mock, so its class comes first on the class path");
    }
  }

  private static void deleteRecursively(Path path) {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
