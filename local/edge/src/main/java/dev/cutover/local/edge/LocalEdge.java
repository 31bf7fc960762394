package dev.cutover.local.edge;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.cloudfront.model.CacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.CachePolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.DefaultCacheBehavior;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginAccessControlConfig;
import software.amazon.awssdk.services.cloudfront.model.OriginRequestPolicyConfig;
import software.amazon.awssdk.services.cloudfront.model.ResponseHeadersPolicyConfig;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The rehearsal's CloudFront: one HTTP server on 127.0.0.1 standing in for every edge location,
 * and the control plane of the distributions it serves.
 *
 * <h2>Routing, as CloudFront routes</h2>
 *
 * A request goes to the distribution holding the most specific alias matching its Host header (an
 * exact alias beats a wildcard {@code *.parent}), else to the distribution whose own {@code
 * dxxxx.cloudfront.net} name it is; anything else is answered 403, as CloudFront answers an
 * unknown CNAME. Routing uses each distribution's <em>deployed</em> configuration — what edge
 * locations serve — never the one just written: a change deploys {@link Builder#deployDelay} after
 * it was written, measured on the edge's {@link Clock} (a test advances a virtual clock; nothing
 * waits in real time). DNS plays no part: a DNS-only switch changes nothing, as in AWS.
 *
 * <h2>Control plane, as CloudFront's API behaves</h2>
 *
 * Configurations are the SDK's own {@link DistributionConfig}. Every write makes a new version
 * with a new ETag; an update names the version it was computed on ({@code If-Match}) and is
 * refused with {@code PreconditionFailed} when another write came between. An alias sits on one
 * distribution at a time: a write adding an alias another distribution's configuration holds is
 * refused with {@code CNAMEAlreadyExists} (a wildcard and an exact alias it covers may sit on two
 * distributions: that is the wildcard method of DESIGN.md §1 step 9). Policies, origin access
 * controls and CloudFront Functions are kept per account for the parity step to read.
 *
 * <h2>Serving, logs and metrics</h2>
 *
 * See {@link EdgeHandler}: objects come from the origin bucket through the {@link S3Client} the
 * edge is given, with their headers, the behaviour's response headers policy and CloudFront's own
 * headers; conditional and range requests; default root object; custom error responses; a
 * {@linkplain #fault fault} switch. Every routed request becomes a {@link LogRecord}: counted into
 * {@link #metrics()} at once and written as a standard log file by {@link #flushLogs()}.
 */
public final class LocalEdge implements AutoCloseable {

  /** The header naming the distribution that served a response (local only; CloudFront has none). */
  public static final String DISTRIBUTION_HEADER = "X-Local-Distribution";

  private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final String DOMAIN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

  /** One distribution's versions. Guarded by the edge's lock. */
  private static final class Dist {
    final String id;
    final String accountId;
    final String domainName;
    DistributionConfig config;
    String etag;
    Instant lastModified;
    DistributionConfig deployed;
    ServingConfig serving;
    Instant deployAt;

    Dist(String id, String accountId, String domainName) {
      this.id = id;
      this.accountId = accountId;
      this.domainName = domainName;
    }

    DistributionView view() {
      return new DistributionView(id, accountId, "arn:aws:cloudfront::" + accountId + ":distribution/" + id, domainName,
          deployAt == null ? DistributionView.DEPLOYED : DistributionView.IN_PROGRESS, etag, lastModified, config, deployed);
    }
  }

  /** A stored policy or access control: its account and configuration. */
  public record Resource<T>(String id, String accountId, T config) {}

  /** A CloudFront Function's LIVE stage. */
  public record EdgeFunctionCode(String name, String accountId, String runtime, byte[] code, int keyValueStores) {}

  /** An injected failure: {@code fraction} of the distribution's requests answered {@code status}. */
  private record Fault(int status, double fraction, AtomicLong seen) {

    boolean strikes() {
      long n = seen.getAndIncrement();
      return Math.floor((n + 1) * fraction) > Math.floor(n * fraction);
    }
  }

  private final Clock clock;
  private final Duration deployDelay;
  private final S3Client origin;
  private final String edgeLocation;
  private final Random random;
  private final Object lock = new Object();
  private final Map<String, Dist> distributions = new LinkedHashMap<>();
  private final Map<String, Resource<CachePolicyConfig>> cachePolicies = new ConcurrentHashMap<>();
  private final Map<String, Resource<OriginRequestPolicyConfig>> originRequestPolicies = new ConcurrentHashMap<>();
  private final Map<String, Resource<ResponseHeadersPolicyConfig>> responseHeadersPolicies = new ConcurrentHashMap<>();
  private final Map<String, Resource<OriginAccessControlConfig>> originAccessControls = new ConcurrentHashMap<>();
  private final Map<String, EdgeFunctionCode> functions = new ConcurrentHashMap<>();
  private final Map<String, Fault> faults = new ConcurrentHashMap<>();
  private final EdgeMetrics metrics = new EdgeMetrics();
  private final StandardLogs logs;
  private final AtomicLong unrouted = new AtomicLong();
  private final HttpServer server;
  private final ExecutorService pool;
  private volatile Routing routing = Routing.EMPTY;
  private volatile Instant nextDeploy;

  private LocalEdge(Builder b) {
    this.clock = b.clock;
    this.deployDelay = b.deployDelay;
    this.origin = b.origin;
    this.edgeLocation = b.edgeLocation;
    this.random = new Random(b.seed);
    this.logs = b.logDirectory == null ? null : new StandardLogs(b.logDirectory, b.seed);
    this.pool = Executors.newFixedThreadPool(b.threads, r -> {
      Thread t = new Thread(r, "local-edge");
      t.setDaemon(true);
      return t;
    });
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), b.port), 512);
    } catch (IOException e) {
      pool.shutdownNow();
      throw new UncheckedIOException("cannot bind the local edge to 127.0.0.1", e);
    }
    server.createContext("/", new EdgeHandler(this));
    server.setExecutor(pool);
    server.start();
  }

  /** An edge reading origin objects with {@code origin} (any S3 server; path-style for a local one). */
  public static Builder builder(S3Client origin) {
    return new Builder(origin);
  }

  /** How the edge is made. */
  public static final class Builder {
    private final S3Client origin;
    private Clock clock = Clock.systemUTC();
    private Duration deployDelay = Duration.ofSeconds(5);
    private Path logDirectory;
    private int threads = 32;
    private int port;
    private String edgeLocation = "LCL50-C1";
    private long seed = 20261124;

    private Builder(S3Client origin) {
      this.origin = Objects.requireNonNull(origin, "origin");
    }

    /** The clock deployments, log times and metrics are measured on; the system's by default. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** How long a written configuration stays InProgress before edge locations serve it; 5 s by default. */
    public Builder deployDelay(Duration delay) {
      if (delay.isNegative()) {
        throw new IllegalArgumentException("the deploy delay cannot be negative: " + delay);
      }
      this.deployDelay = delay;
      return this;
    }

    /** Where standard log files are written; none are written without one. */
    public Builder logDirectory(Path directory) {
      this.logDirectory = directory;
      return this;
    }

    /** Requests served at once (the rest queue); 32 by default. */
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("the edge needs at least one thread, not " + threads);
      }
      this.threads = threads;
      return this;
    }

    /** The loopback port; 0 (the default) for an ephemeral one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The {@code x-edge-location} and {@code X-Amz-Cf-Pop} it reports. */
    public Builder edgeLocation(String pop) {
      this.edgeLocation = pop;
      return this;
    }

    /** Seeds ids, domain names and log file names, so a rehearsal can be repeated. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Binds 127.0.0.1 and starts serving. */
    public LocalEdge start() {
      return new LocalEdge(this);
    }
  }

  // ------------------------------------------------------------------ where it listens

  /** {@code http://127.0.0.1:<port>}. */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The address every name served by the edge resolves to (there is one edge location). */
  public InetSocketAddress address() {
    return new InetSocketAddress("127.0.0.1", port());
  }

  /**
   * The base URL of a name as a viewer writes it, {@code http://<name>:<port>}: a client that
   * connects to {@link #address()} for it (a proxy-aware client, or one with a Host header) reaches
   * the distribution that name routes to.
   */
  public URI urlFor(String hostName) {
    return URI.create("http://" + HostNames.canonical(hostName) + ":" + port());
  }

  public Clock clock() {
    return clock;
  }

  public Duration deployDelay() {
    return deployDelay;
  }

  // ------------------------------------------------------------------ distributions

  /**
   * CreateDistribution: a new distribution in {@code accountId} with a fresh id and domain name,
   * InProgress until the deploy delay has passed.
   *
   * @throws EdgeException {@code CNAMEAlreadyExists} when another distribution holds one of its
   *     aliases; {@code InvalidArgument} for a configuration CloudFront would refuse
   */
  public DistributionView createDistribution(String accountId, DistributionConfig config) {
    synchronized (lock) {
      String id;
      do {
        id = "E" + randomString(ID_CHARS, 13);
      } while (distributions.containsKey(id));
      return create(id, "d" + randomString(DOMAIN_CHARS, 13) + ".cloudfront.net", accountId, config, false);
    }
  }

  /**
   * A distribution that already exists and is deployed when the rehearsal starts, with the id and
   * domain name the plan names (blue's and green's).
   */
  public DistributionView importDistribution(String id, String domainName, String accountId, DistributionConfig config) {
    synchronized (lock) {
      if (distributions.containsKey(id)) {
        throw new EdgeException(EdgeException.INVALID_ARGUMENT, "distribution " + id + " exists");
      }
      return create(id, HostNames.canonical(domainName), accountId, config, true);
    }
  }

  private DistributionView create(String id, String domainName, String accountId, DistributionConfig config, boolean deployed) {
    validate(null, accountId, config);
    Dist d = new Dist(id, accountId, domainName);
    d.config = config;
    d.etag = newEtag();
    d.lastModified = clock.instant();
    if (deployed) {
      d.deployed = config;
      d.serving = new ServingConfig(id, domainName, config);
    } else {
      d.deployAt = d.lastModified.plus(deployDelay);
    }
    distributions.put(id, d);
    rebuild();
    return d.view();
  }

  /** GetDistribution. */
  public DistributionView distribution(String id) {
    settle();
    synchronized (lock) {
      return require(id).view();
    }
  }

  /** Every distribution, in the order they were made. */
  public List<DistributionView> distributions() {
    settle();
    synchronized (lock) {
      return distributions.values().stream().map(Dist::view).toList();
    }
  }

  /**
   * UpdateDistribution: writes {@code config} as a new version, if {@code ifMatch} is the current
   * version's ETag. The distribution is InProgress until the deploy delay has passed; until then
   * requests are still served with the configuration deployed before.
   *
   * @return the new version
   * @throws EdgeException {@code InvalidIfMatchVersion} without an ETag, {@code PreconditionFailed}
   *     with a stale one, {@code CNAMEAlreadyExists} for an alias another distribution holds,
   *     {@code NoSuchDistribution}, {@code InvalidArgument}
   */
  public DistributionView updateDistribution(String id, DistributionConfig config, String ifMatch) {
    settle();
    synchronized (lock) {
      Dist d = require(id);
      if (ifMatch == null || ifMatch.isBlank()) {
        throw new EdgeException(EdgeException.INVALID_IF_MATCH_VERSION, "The If-Match version is missing or not valid for the resource.");
      }
      if (!ifMatch.equals(d.etag)) {
        throw new EdgeException(EdgeException.PRECONDITION_FAILED,
            "The precondition given in one or more of the request-header fields evaluated to false (If-Match " + ifMatch + ", current " + d.etag + ").");
      }
      validate(d, d.accountId, config);
      d.config = config;
      d.etag = newEtag();
      d.lastModified = clock.instant();
      d.deployAt = d.lastModified.plus(deployDelay);
      rebuild();
      return d.view();
    }
  }

  /**
   * ListConflictingAliases / ListDomainConflicts: every alias overlapping {@code domain} (the same
   * name, a wildcard covering it, or a name a wildcard {@code domain} covers), with the
   * distribution and account holding it, unmasked (a caller masks what its account may not see).
   */
  public List<AliasConflict> aliasConflicts(String domain) {
    settle();
    List<AliasConflict> out = new ArrayList<>();
    synchronized (lock) {
      for (Dist d : distributions.values()) {
        for (String alias : DistributionView.aliasesOf(d.config)) {
          if (HostNames.overlaps(alias, domain)) {
            out.add(new AliasConflict(alias, d.id, d.accountId));
          }
        }
      }
    }
    return out;
  }

  /** An alias and who holds it. */
  public record AliasConflict(String alias, String distributionId, String accountId) {}

  /**
   * The distribution a request with Host {@code host} reaches now, as every edge location routes
   * with the deployed configurations; empty when CloudFront would answer 403.
   */
  public Optional<String> routeOf(String host) {
    ServingConfig d = routing().route(HostNames.canonical(host));
    return Optional.ofNullable(d).map(s -> s.distributionId);
  }

  /**
   * Whether {@code host} reaches some enabled distribution at every edge location while changes
   * are still deploying: for every combination of in-progress distributions seen with their
   * deployed or their new configuration (a change reaches edge locations one by one in AWS).
   * The zero-downtime property the cutover keeps after each action.
   */
  public boolean servedEverywhere(String host) {
    settle();
    synchronized (lock) {
      List<Dist> all = new ArrayList<>(distributions.values());
      List<Dist> moving = all.stream().filter(d -> d.deployAt != null).toList();
      if (moving.size() > 16) {
        throw new IllegalStateException("too many distributions in progress to check every combination: " + moving.size());
      }
      for (int combination = 0; combination < (1 << moving.size()); combination++) {
        List<ServingConfig> seen = new ArrayList<>();
        for (Dist d : all) {
          int i = moving.indexOf(d);
          DistributionConfig c = i < 0 ? d.deployed : (combination & (1 << i)) == 0 ? d.deployed : d.config;
          if (c != null) {
            seen.add(new ServingConfig(d.id, d.domainName, c));
          }
        }
        if (new Routing(seen).route(HostNames.canonical(host)) == null) {
          return false;
        }
      }
      return true;
    }
  }

  // ------------------------------------------------------------------ policies, access controls, functions

  public String putCachePolicy(String accountId, CachePolicyConfig config) {
    String id = java.util.UUID.nameUUIDFromBytes((accountId + "|cache|" + cachePolicies.size() + "|" + config.name()).getBytes()).toString();
    cachePolicies.put(id, new Resource<>(id, accountId, config));
    return id;
  }

  public String putOriginRequestPolicy(String accountId, OriginRequestPolicyConfig config) {
    String id = java.util.UUID.nameUUIDFromBytes((accountId + "|origin-request|" + originRequestPolicies.size() + "|" + config.name()).getBytes()).toString();
    originRequestPolicies.put(id, new Resource<>(id, accountId, config));
    return id;
  }

  public String putResponseHeadersPolicy(String accountId, ResponseHeadersPolicyConfig config) {
    String id = java.util.UUID.nameUUIDFromBytes((accountId + "|response-headers|" + responseHeadersPolicies.size() + "|" + config.name()).getBytes()).toString();
    responseHeadersPolicies.put(id, new Resource<>(id, accountId, config));
    return id;
  }

  public String putOriginAccessControl(String accountId, OriginAccessControlConfig config) {
    String id;
    synchronized (lock) {
      id = "E" + randomString(ID_CHARS, 13);
    }
    originAccessControls.put(id, new Resource<>(id, accountId, config));
    return id;
  }

  /** Publishes a CloudFront Function to LIVE (the edge does not run it; parity compares its code). */
  public void putFunction(String accountId, String name, String runtime, byte[] code, int keyValueStores) {
    functions.put(accountId + "|" + name, new EdgeFunctionCode(name, accountId, runtime, code.clone(), keyValueStores));
  }

  public Optional<Resource<CachePolicyConfig>> cachePolicy(String id) {
    return Optional.ofNullable(cachePolicies.get(id));
  }

  public Optional<Resource<OriginRequestPolicyConfig>> originRequestPolicy(String id) {
    return Optional.ofNullable(originRequestPolicies.get(id));
  }

  public Optional<Resource<ResponseHeadersPolicyConfig>> responseHeadersPolicy(String id) {
    return Optional.ofNullable(responseHeadersPolicies.get(id));
  }

  public Optional<Resource<OriginAccessControlConfig>> originAccessControl(String id) {
    return Optional.ofNullable(originAccessControls.get(id));
  }

  public Optional<EdgeFunctionCode> function(String accountId, String name) {
    return Optional.ofNullable(functions.get(accountId + "|" + name));
  }

  // ------------------------------------------------------------------ faults

  /**
   * From now on answers {@code fraction} (0 to 1, spread evenly) of the requests {@code
   * distributionId} receives with {@code status} (a 5xx, as an edge or origin failure), until
   * {@link #clearFault}. The answers are logged and counted as CloudFront would count them.
   */
  public void fault(String distributionId, int status, double fraction) {
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("a fault answers 5xx, not " + status);
    }
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("the fraction of requests failed is in (0, 1], not " + fraction);
    }
    synchronized (lock) {
      require(distributionId);
    }
    faults.put(distributionId, new Fault(status, fraction, new AtomicLong()));
  }

  public void clearFault(String distributionId) {
    faults.remove(distributionId);
  }

  /** The status to fail this request with, or 0. */
  int faultFor(String distributionId) {
    Fault f = faults.get(distributionId);
    return f != null && f.strikes() ? f.status() : 0;
  }

  // ------------------------------------------------------------------ logs and metrics

  /** Per-minute request counts and error rates, from the log records. */
  public EdgeMetrics metrics() {
    return metrics;
  }

  /** Requests whose Host no distribution holds (answered 403, logged nowhere, as in CloudFront). */
  public long unroutedRequests() {
    return unrouted.get();
  }

  /** Where standard logs are written; empty when the edge writes none. */
  public Optional<Path> logDirectory() {
    return Optional.ofNullable(logs).map(StandardLogs::root);
  }

  /** Writes the buffered log records as standard log files now; returns the files written. */
  public List<Path> flushLogs() {
    return logs == null ? List.of() : logs.flush();
  }

  void record(LogRecord record) {
    metrics.count(record);
    if (logs != null) {
      logs.add(record);
    }
  }

  void unrouted() {
    unrouted.incrementAndGet();
  }

  S3Client origin() {
    return origin;
  }

  String edgeLocation() {
    return edgeLocation;
  }

  // ------------------------------------------------------------------ deployment

  /** The routing table now, after deploying whatever is due. */
  Routing routing() {
    Instant due = nextDeploy;
    if (due != null && !clock.instant().isBefore(due)) {
      settle();
    }
    return routing;
  }

  private void settle() {
    synchronized (lock) {
      Instant now = clock.instant();
      boolean changed = false;
      for (Dist d : distributions.values()) {
        if (d.deployAt != null && !now.isBefore(d.deployAt)) {
          d.deployed = d.config;
          d.serving = new ServingConfig(d.id, d.domainName, d.config);
          d.deployAt = null;
          changed = true;
        }
      }
      if (changed) {
        rebuild();
      }
    }
  }

  /** Rebuilds the routing table and the next deployment due. Holds the lock. */
  private void rebuild() {
    List<ServingConfig> serving = new ArrayList<>();
    Instant next = null;
    for (Dist d : distributions.values()) {
      if (d.serving != null) {
        serving.add(d.serving);
      }
      if (d.deployAt != null && (next == null || d.deployAt.isBefore(next))) {
        next = d.deployAt;
      }
    }
    routing = new Routing(serving);
    nextDeploy = next;
  }

  private Dist require(String id) {
    Dist d = distributions.get(id);
    if (d == null) {
      throw new EdgeException(EdgeException.NO_SUCH_DISTRIBUTION, "The specified distribution does not exist: " + id);
    }
    return d;
  }

  /** What CloudFront checks on a write: the aliases are free, the origins and policies exist. Holds the lock. */
  private void validate(Dist self, String accountId, DistributionConfig config) {
    if (config == null) {
      throw new EdgeException(EdgeException.INVALID_ARGUMENT, "a distribution needs a configuration");
    }
    List<String> aliases = DistributionView.aliasesOf(config);
    for (String alias : aliases) {
      String a = HostNames.canonical(alias);
      if (a.isEmpty() || !a.matches("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+")) {
        throw new EdgeException(EdgeException.INVALID_ARGUMENT, "The parameter CNAME contains an invalid value: " + alias);
      }
      for (Dist other : distributions.values()) {
        if (other != self && DistributionView.aliasesOf(other.config).stream().anyMatch(o -> HostNames.canonical(o).equals(a))) {
          throw new EdgeException(EdgeException.CNAME_ALREADY_EXISTS,
              "One or more of the CNAMEs you provided are already associated with a different resource: " + alias);
        }
      }
    }
    if (config.origins() == null || !config.origins().hasItems() || config.origins().items().isEmpty()) {
      throw new EdgeException(EdgeException.INVALID_ARGUMENT, "a distribution needs at least one origin");
    }
    List<String> originIds = config.origins().items().stream().map(Origin::id).toList();
    DefaultCacheBehavior d = config.defaultCacheBehavior();
    if (d == null) {
      throw new EdgeException(EdgeException.INVALID_ARGUMENT, "a distribution needs a default cache behavior");
    }
    checkBehavior("DefaultCacheBehavior", d.targetOriginId(), d.responseHeadersPolicyId(), d.cachePolicyId(), originIds, accountId);
    if (config.cacheBehaviors() != null && config.cacheBehaviors().hasItems()) {
      for (CacheBehavior c : config.cacheBehaviors().items()) {
        checkBehavior("CacheBehavior " + c.pathPattern(), c.targetOriginId(), c.responseHeadersPolicyId(), c.cachePolicyId(), originIds, accountId);
      }
    }
    for (Origin o : config.origins().items()) {
      String oac = o.originAccessControlId();
      if (oac != null && !oac.isEmpty()) {
        Resource<OriginAccessControlConfig> r = originAccessControls.get(oac);
        if (r == null || !r.accountId().equals(accountId)) {
          throw new EdgeException(EdgeException.NO_SUCH_RESOURCE, "The origin access control " + oac + " does not exist in account " + accountId);
        }
      }
    }
  }

  private void checkBehavior(String what, String target, String responseHeadersPolicyId, String cachePolicyId, List<String> originIds, String accountId) {
    if (target == null || !originIds.contains(target)) {
      throw new EdgeException(EdgeException.INVALID_ARGUMENT, what + " targets origin " + target + ", which the distribution does not have (" + originIds + ")");
    }
    if (responseHeadersPolicyId != null && !responseHeadersPolicyId.isEmpty() && !ManagedIds.isManaged(responseHeadersPolicyId)) {
      Resource<ResponseHeadersPolicyConfig> r = responseHeadersPolicies.get(responseHeadersPolicyId);
      if (r == null || !r.accountId().equals(accountId)) {
        throw new EdgeException(EdgeException.NO_SUCH_RESOURCE, "The response headers policy " + responseHeadersPolicyId + " does not exist in account " + accountId);
      }
    }
    if (cachePolicyId != null && !cachePolicyId.isEmpty() && !ManagedIds.isManaged(cachePolicyId)) {
      Resource<CachePolicyConfig> r = cachePolicies.get(cachePolicyId);
      if (r == null || !r.accountId().equals(accountId)) {
        throw new EdgeException(EdgeException.NO_SUCH_RESOURCE, "The cache policy " + cachePolicyId + " does not exist in account " + accountId);
      }
    }
  }

  private String newEtag() {
    synchronized (lock) {
      return "E" + randomString(ID_CHARS, 13);
    }
  }

  private String randomString(String alphabet, int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  /** A request id as CloudFront's: 56 characters of URL-safe base64. */
  String newRequestId() {
    byte[] id = new byte[42];
    java.util.concurrent.ThreadLocalRandom.current().nextBytes(id);
    return java.util.Base64.getUrlEncoder().encodeToString(id);
  }

  /** Stops serving: requests in flight are given a moment to finish. */
  @Override
  public void close() {
    server.stop(0);
    pool.shutdown();
    try {
      if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pool.shutdownNow();
    }
  }

  @Override
  public String toString() {
    return "LocalEdge[" + endpoint() + ", " + distributions.size() + " distributions, location " + edgeLocation.toLowerCase(Locale.ROOT) + "]";
  }
}
