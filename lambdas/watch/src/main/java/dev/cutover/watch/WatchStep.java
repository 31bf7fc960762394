package dev.cutover.watch;

import dev.cutover.errors.InternalErrorException;
import dev.cutover.plan.BakeSettings;
import dev.cutover.plan.Plan;
import dev.cutover.watch.WatchResult.MetricsSummary;
import dev.cutover.watch.WatchResult.ProbeSummary;
import dev.cutover.watch.WatchResult.ProbedKey;
import dev.cutover.watch.WatchResult.Rate;
import dev.cutover.watch.WatchResult.Window;
import dev.cutover.watch.port.Clock;
import dev.cutover.watch.port.Datapoint;
import dev.cutover.watch.port.DistributionMetrics;
import dev.cutover.watch.port.Metrics;
import dev.cutover.watch.port.MetricsQuery;
import dev.cutover.watch.port.Probe;
import dev.cutover.watch.port.ProbeOutcome;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * One health sample of green during the bake (DESIGN.md §1 step 10): its CloudFront error rates
 * from CloudWatch against the plan's thresholds, and GETs of hot keys through the public hostname.
 * Reads only; the workflow samples every {@code bake.pollIntervalSeconds} until the bake ends and
 * rolls back on the first unhealthy sample.
 *
 * <h2>The window</h2>
 *
 * CloudFront publishes one datapoint per minute, stamped with the minute's start, a few minutes
 * after the minute ends. A sample reads the datapoints whose minutes start in {@code [from, now)}:
 *
 * <ul>
 *   <li>the span sampled is {@code bake.pollIntervalSeconds}, at most {@code bake.durationSeconds}
 *       and at least {@value #PERIOD_SECONDS} s (CloudFront's finest period);
 *   <li>it reaches back a further {@code metricsDelay} (the handler's {@code
 *       CUTOVER_WATCH_METRICS_DELAY_SECONDS}, 180 s by default): a window ending now would nearly
 *       always be empty, and a minute published late would fall between two samples and never be
 *       judged. Consecutive samples therefore overlap; a minute judged twice gets the same verdict;
 *   <li>it never starts before {@code since}, the end of the cutover, and starts on a whole minute
 *       (rounded up), so a minute holding traffic from before the cutover never counts.
 * </ul>
 *
 * <h2>Healthy or not</h2>
 *
 * <ul>
 *   <li>An error rate breaches when any one-minute datapoint in the window is above its threshold
 *       (equal is healthy): what a CloudWatch alarm on the metric with a 60-second period and one
 *       datapoint to alarm would do. The rates are percentages, as the thresholds are.
 *   <li>A probe fails on a 5xx or on no complete response (refused, reset, timed out, body cut
 *       short), as a browser would. A failed key is fetched once more straight away, so a single
 *       lost packet does not roll a migration back; it counts when the second attempt fails too.
 *       Any failed key makes the sample unhealthy. A 4xx is noted, not counted: the 4xx rate is
 *       judged from CloudWatch over all traffic, and a key that moved is not an outage.
 *   <li>No data is not unhealthy by itself: no datapoint yet (published late, or a minute without
 *       requests has none), no hot keys, keys not probed in time. Each is said in {@code notes},
 *       so a sample that saw nothing is visibly not a clean bill of health.
 * </ul>
 */
final class WatchStep {

  static final int PERIOD_SECONDS = 60;

  /** Probe examples in the result. */
  static final int MAX_EXAMPLES = 20;

  /** Longest probe error message kept in the result. */
  static final int MAX_ERROR_CHARS = 300;

  static final String METRIC_5XX = "5xxErrorRate";
  static final String METRIC_4XX = "4xxErrorRate";

  private final Metrics metrics;
  private final Probe probe;
  private final Clock clock;
  private final Function<String, URI> hostAddress;
  private final int concurrency;
  private final Duration metricsDelay;

  /**
   * @param hostAddress the public hostname to the base URL its probes go to: {@code
   *     https://<hostname>} in AWS; tests and the local runtime map it to a loopback server
   * @param concurrency keys probed at once
   * @param metricsDelay how much further back than the sampled span the metrics are read
   */
  WatchStep(Metrics metrics, Probe probe, Clock clock, Function<String, URI> hostAddress, int concurrency, Duration metricsDelay) {
    this.metrics = metrics;
    this.probe = probe;
    this.clock = clock;
    this.hostAddress = hostAddress;
    this.concurrency = concurrency;
    this.metricsDelay = metricsDelay;
  }

  WatchResult sample(WatchInput input, Deadline deadline) {
    Plan plan = input.plan();
    BakeSettings bake = plan.bake();
    // Whole seconds: the window and the result read cleanly, and nothing finer matters to minutes.
    Instant now = clock.now().truncatedTo(ChronoUnit.SECONDS);
    Instant from = windowStart(bake, input.since(), now, metricsDelay);
    String distributionId = plan.target().distributionId();
    List<String> reasons = new ArrayList<>();
    List<String> notes = new ArrayList<>();

    DistributionMetrics read;
    if (from.isBefore(now)) {
      read = metrics.read(new MetricsQuery(plan.target().roleArn(), plan.migrationId(), distributionId, from, now));
    } else {
      read = DistributionMetrics.none();
      notes.add("No whole minute has started since the cutover finished (" + input.since() + "): no metrics read yet.");
    }
    Rate rate5xx = rate(read.errorRate5xx(), from, now, bake.max5xxErrorRatePercent());
    Rate rate4xx = rate(read.errorRate4xx(), from, now, bake.max4xxErrorRatePercent());
    List<Datapoint> requestPoints = within(read.requests(), from, now);
    Long requests = requestPoints.isEmpty() ? null : Math.round(requestPoints.stream().mapToDouble(Datapoint::value).sum());

    for (var named : List.of(new NamedRate(METRIC_5XX, "bake.max5xxErrorRatePercent", rate5xx), new NamedRate(METRIC_4XX, "bake.max4xxErrorRatePercent", rate4xx))) {
      Rate r = named.rate();
      if (r.breached()) {
        reasons.add(named.metric() + " of distribution " + distributionId + " was " + percent(r.value()) + " in the minute from " + r.at()
            + ", above the plan's " + named.setting() + " of " + percent(r.threshold()) + ".");
      }
    }
    if (from.isBefore(now)) {
      List<String> missing = new ArrayList<>();
      if (rate5xx.value() == null) {
        missing.add(METRIC_5XX);
      }
      if (rate4xx.value() == null) {
        missing.add(METRIC_4XX);
      }
      if (!missing.isEmpty()) {
        notes.add("CloudWatch has no " + String.join(" or ", missing) + " datapoint for distribution " + distributionId + " from " + from + " to " + now
            + " yet (CloudFront publishes its metrics minutes late, and none for a minute without requests); not unhealthy by itself.");
      }
      if (requests != null && requests == 0) {
        notes.add("Distribution " + distributionId + " served no requests from " + from + " to " + now + ".");
      }
    }
    read.messages().forEach(m -> notes.add("CloudWatch: " + m));

    ProbeSummary probes = probe(input, deadline, reasons, notes);

    Instant bakeEnds = input.since() == null ? null : input.since().plusSeconds(bake.durationSeconds());
    return new WatchResult(
        reasons.isEmpty(),
        plan.migrationId(),
        distributionId,
        plan.dns().hostname(),
        now.toString(),
        bakeEnds == null ? null : bakeEnds.toString(),
        new Window(from.toString(), now.toString()),
        new MetricsSummary(rate5xx, rate4xx, requests),
        probes,
        List.copyOf(reasons),
        List.copyOf(notes));
  }

  private record NamedRate(String metric, String setting, Rate rate) {}

  /**
   * The first instant read: {@code now} less the sampled span and the delay allowance, never before
   * {@code since}, rounded up to a whole minute.
   */
  static Instant windowStart(BakeSettings bake, Instant since, Instant now, Duration metricsDelay) {
    long span = Math.max(PERIOD_SECONDS, Math.min(bake.pollIntervalSeconds(), bake.durationSeconds()));
    Instant start = now.minusSeconds(span).minus(metricsDelay);
    if (since != null && since.isAfter(start)) {
      start = since;
    }
    Instant minute = start.truncatedTo(ChronoUnit.MINUTES);
    return minute.equals(start) ? start : minute.plus(1, ChronoUnit.MINUTES);
  }

  /** The datapoints with a finite value whose minute starts in {@code [from, to)}, oldest first. */
  private static List<Datapoint> within(List<Datapoint> points, Instant from, Instant to) {
    return points.stream()
        .filter(p -> Double.isFinite(p.value()) && !p.timestamp().isBefore(from) && p.timestamp().isBefore(to))
        .sorted(Comparator.comparing(Datapoint::timestamp))
        .toList();
  }

  private static Rate rate(List<Datapoint> points, Instant from, Instant to, double threshold) {
    List<Datapoint> counted = within(points, from, to);
    Datapoint worst = counted.stream().max(Comparator.comparingDouble(Datapoint::value)).orElse(null);
    return worst == null
        ? new Rate(null, threshold, 0, null)
        : new Rate(worst.value(), threshold, counted.size(), worst.timestamp().toString());
  }

  static String percent(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() + "%";
  }

  // ---------------------------------------------------------------- probes

  private ProbeSummary probe(WatchInput input, Deadline deadline, List<String> reasons, List<String> notes) {
    Plan plan = input.plan();
    String hostname = plan.dns().hostname();
    if (input.hotKeys() == null) {
      notes.add("No hot keys were given: nothing was probed through " + hostname + ".");
      return new ProbeSummary(0, 0, 0, 0, List.of());
    }
    List<String> keys = input.hotKeys().stream().limit(plan.validation().probeSampleSize()).toList();
    String base = hostAddress.apply(hostname).toString();
    String root = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;

    List<ProbedKey> probed = fetch(keys, root, deadline);
    int notProbed = keys.size() - probed.size();
    List<ProbedKey> failed = probed.stream().filter(p -> outcome(p).unhealthy()).toList();
    List<ProbedKey> clientErrors = probed.stream().filter(p -> !outcome(p).unhealthy() && p.status() >= 400).toList();
    if (!failed.isEmpty()) {
      ProbedKey first = failed.getFirst();
      reasons.add(failed.size() + " of " + probed.size() + " hot keys failed through https://" + hostname + " (5xx or no response, twice), e.g. "
          + first.key() + ": " + (first.error() != null ? first.error() : "HTTP " + first.status()) + ".");
    }
    if (!clientErrors.isEmpty()) {
      ProbedKey first = clientErrors.getFirst();
      notes.add(clientErrors.size() + " of " + probed.size() + " hot keys answered 4xx through https://" + hostname + ", e.g. " + first.key()
          + ": HTTP " + first.status() + "; not counted against health (the 4xx rate is).");
    }
    if (notProbed > 0) {
      notes.add(notProbed + " of " + keys.size() + " hot keys were not probed: the invocation ran out of time.");
    }
    List<ProbedKey> examples = new ArrayList<>(failed);
    examples.addAll(clientErrors);
    probed.stream().filter(p -> !failed.contains(p) && !clientErrors.contains(p)).forEach(examples::add);
    return new ProbeSummary(probed.size(), failed.size(), clientErrors.size(), notProbed, examples.stream().limit(MAX_EXAMPLES).toList());
  }

  private static ProbeOutcome outcome(ProbedKey p) {
    return new ProbeOutcome(p.status(), p.error());
  }

  /** The probed keys in the given order; a key the deadline stopped is left out. */
  private List<ProbedKey> fetch(List<String> keys, String root, Deadline deadline) {
    if (keys.isEmpty()) {
      return List.of();
    }
    List<Future<ProbedKey>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, keys.size())))) {
      for (String key : keys) {
        futures.add(pool.submit(() -> {
          if (deadline.reached()) {
            return null;
          }
          URI url = URI.create(root + "/" + encode(key));
          ProbeOutcome outcome = probe.get(url);
          int attempts = 1;
          if (outcome.unhealthy()) {
            outcome = probe.get(url);
            attempts = 2;
          }
          return new ProbedKey(key, outcome.status(), shorten(outcome.error()), attempts);
        }));
      }
      List<ProbedKey> out = new ArrayList<>();
      for (Future<ProbedKey> future : futures) {
        ProbedKey p = future.get();
        if (p != null) {
          out.add(p);
        }
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InternalErrorException("interrupted while probing", e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new InternalErrorException(e.getCause().toString(), e.getCause());
    }
  }

  private static String shorten(String error) {
    return error == null || error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS - 1) + "…";
  }

  /**
   * The URL path of {@code key}: every byte outside RFC 3986's unreserved set and {@code /}
   * percent-encoded from UTF-8 (a space as {@code %20}, {@code +} as {@code %2B}, which S3 would
   * read as a space). The key is requested as it is: green's origin is expected to have no origin
   * path, as the keys are the bucket's.
   */
  static String encode(String key) {
    StringBuilder out = new StringBuilder();
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
