package dev.cutover.local.rehearsal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Users of the assets, for the whole rehearsal: GETs of the hostname's keys at a steady rate,
 * popular keys far more often than others (Zipf), each an absolute {@code http://<hostname>/key}
 * sent through a client that reaches the local edge for that name (a {@code Viewers} client of
 * local/edge: through the local zone, as a browser behind DNS would). Every answer is counted per second by the
 * side that served it (the edge says which distribution did) and every failure is kept with its
 * key, status and time: a rehearsal passes only with none it did not inject.
 *
 * <p>A request fails when it gets no answer, a 5xx, or a 4xx for a key that exists (a 404 on a
 * key never seeded is asked for on purpose and expected).
 */
public final class TrafficGenerator implements AutoCloseable {


  /** What one second of traffic looked like. */
  public record Second(Instant at, long blue, long green, long failed) {}

  /** A request that failed. */
  public record Failure(Instant at, String key, int status, String why, String servedBy) {}

  /** Which side served an answer, from its headers (the local edge names the distribution). */
  public interface Sides {
    String sideOf(HttpResponse<?> response);
  }

  private final URI site;
  private final List<String> keys;
  private final double[] cumulative;
  private final Sides sides;
  private final Clock clock;
  private final HttpClient http;
  private final ExecutorService senders;
  private final ScheduledExecutorService ticker;
  private final Random random;
  private final Map<Long, long[]> seconds = new ConcurrentSkipListMap<>();
  private final List<Failure> failures = java.util.Collections.synchronizedList(new ArrayList<>());
  private final Map<String, AtomicLong> bySide = new ConcurrentHashMap<>();
  private final AtomicLong sent = new AtomicLong();
  private final Function<String, String> pathOf;

  /**
   * @param viewer sends each request to where the name it asks for resolves (the local edge)
   * @param site the public site, {@code http://<hostname>:<edge port>/}
   * @param keys the keys users request, most popular first; the path is the key with the plan's
   *     prefix as the distribution's origin path strips it ({@code pathOf})
   */
  public TrafficGenerator(HttpClient viewer, URI site, List<String> keys, Function<String, String> pathOf, Sides sides, Clock clock, long seed) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("traffic needs at least one key to request");
    }
    this.site = site;
    this.keys = List.copyOf(keys);
    this.pathOf = pathOf;
    this.sides = sides;
    this.clock = clock;
    this.random = new Random(seed);
    this.cumulative = zipf(keys.size(), 1.1);
    this.http = viewer;
    this.senders = Executors.newFixedThreadPool(8, r -> {
      Thread t = new Thread(r, "traffic");
      t.setDaemon(true);
      return t;
    });
    this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "traffic-ticker");
      t.setDaemon(true);
      return t;
    });
  }

  /** Starts sending {@code perSecond} requests a second until {@link #close()}. */
  public void start(int perSecond) {
    if (perSecond < 1 || perSecond > 5_000) {
      throw new IllegalArgumentException("--rate must be between 1 and 5000 requests a second, not " + perSecond);
    }
    long periodMicros = 1_000_000L / perSecond;
    ticker.scheduleAtFixedRate(() -> senders.execute(this::sendOne), 0, periodMicros, TimeUnit.MICROSECONDS);
  }

  /** Sends one request now, on the calling thread. */
  public void sendOne() {
    String key = pick();
    sent.incrementAndGet();
    Instant at = clock.instant();
    HttpRequest request = HttpRequest.newBuilder(site.resolve(pathOf.apply(key)))
        .header("Accept-Encoding", "gzip, br")
        .timeout(Duration.ofSeconds(10))
        .GET()
        .build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        body.transferTo(java.io.OutputStream.nullOutputStream());
      }
    } catch (IOException e) {
      count(at, null, true);
      failures.add(new Failure(at, key, 0, "no answer: " + e.getMessage(), null));
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    String side = sides.sideOf(response);
    int status = response.statusCode();
    boolean failed = status >= 500 || (status >= 400 && !key.startsWith(MISSING_PREFIX));
    count(at, side, failed);
    if (failed) {
      failures.add(new Failure(at, key, status, "HTTP " + status, side));
    }
  }

  /**
   * Sends {@code count} requests now, eight at a time, and returns once every one is answered:
   * what users asked for before a run.
   */
  public void sendNow(int count) throws InterruptedException {
    ExecutorService burst = Executors.newFixedThreadPool(8);
    try {
      for (int i = 0; i < count; i++) {
        burst.execute(this::sendOne);
      }
    } finally {
      burst.shutdown();
      burst.awaitTermination(2, TimeUnit.MINUTES);
    }
  }

  /** The URL path of {@code key}: each segment percent-encoded, as a browser sends it. */
  public static String pathOf(String key) {
    StringBuilder out = new StringBuilder();
    for (String segment : key.split("/", -1)) {
      if (!out.isEmpty()) {
        out.append('/');
      }
      out.append(java.net.URLEncoder.encode(segment, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return out.toString();
  }

  /** Keys under this prefix are asked for though never seeded: their 404 is the expected answer. */
  public static final String MISSING_PREFIX = "never-seeded/";

  private void count(Instant at, String side, boolean failed) {
    long[] s = seconds.computeIfAbsent(at.getEpochSecond(), k -> new long[3]);
    synchronized (s) {
      if ("blue".equals(side)) {
        s[0]++;
      } else if ("green".equals(side)) {
        s[1]++;
      }
      if (failed) {
        s[2]++;
      }
    }
    if (side != null) {
      bySide.computeIfAbsent(side, k -> new AtomicLong()).incrementAndGet();
    }
  }

  private String pick() {
    double u;
    synchronized (random) {
      u = random.nextDouble();
    }
    int i = java.util.Arrays.binarySearch(cumulative, u);
    int index = i >= 0 ? i : Math.min(-i - 1, keys.size() - 1);
    return keys.get(index);
  }

  /** Cumulative Zipf(s) probabilities over n ranks. */
  static double[] zipf(int n, double s) {
    double[] c = new double[n];
    double sum = 0;
    for (int k = 1; k <= n; k++) {
      sum += 1 / Math.pow(k, s);
      c[k - 1] = sum;
    }
    for (int k = 0; k < n; k++) {
      c[k] /= sum;
    }
    return c;
  }

  /** Requests sent so far. */
  public long sent() {
    return sent.get();
  }

  /** Answers by the side that served them ({@code blue}, {@code green}, or what the edge named). */
  public Map<String, Long> servedBy() {
    Map<String, Long> out = new java.util.TreeMap<>();
    bySide.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  /** Every failure so far, in the order they happened. */
  public List<Failure> failures() {
    synchronized (failures) {
      return List.copyOf(failures);
    }
  }

  /** Requests per second per side, in time order. */
  public List<Second> perSecond() {
    List<Second> out = new ArrayList<>();
    seconds.forEach((epoch, s) -> {
      synchronized (s) {
        out.add(new Second(Instant.ofEpochSecond(epoch), s[0], s[1], s[2]));
      }
    });
    return out;
  }

  /** The first second from which every answer came from green, or null if that never happened. */
  public Instant allGreenSince() {
    Instant since = null;
    for (Second s : perSecond()) {
      if (s.green() > 0 && s.blue() == 0) {
        since = since == null ? s.at() : since;
      } else if (s.blue() > 0) {
        since = null;
      }
    }
    return since;
  }

  /** Stops sending and waits for requests in flight. */
  @Override
  public void close() {
    ticker.shutdownNow();
    senders.shutdown();
    try {
      senders.awaitTermination(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    senders.shutdownNow();
  }

  /** One line per failure, for a person. */
  public static String describe(Failure f) {
    return f.at() + " " + f.key() + " " + f.why() + (f.servedBy() == null ? "" : " (served by " + f.servedBy() + ")");
  }
}
