package dev.cutover.local.batch;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 replication on one laptop: while an enabled rule of a bucket's replication configuration
 * selects an object, a new write of it (PUT, copy, completed multipart upload) is copied to the
 * rule's destination within a bounded delay and its status becomes {@code COMPLETED} (or {@code
 * FAILED}); a delete adds a delete marker on the destination only when the rule enables {@code
 * DeleteMarkerReplication}. Objects that existed before the rule are not copied: as on S3, that is
 * Batch Replication's job (the backfill). A rule removed stops the copying; a rule put back copies
 * what is written from then on.
 *
 * <p>Two triggers, so it works with any S3 server: {@link #onWrite} / {@link #onDelete}, which an
 * embedded server calls from its write listener, and {@link #reconcile}, run periodically once
 * {@link #start}ed, which lists the watched buckets and copies objects that are new or changed
 * since their rule was first seen (the bucket's listing then is the rule's baseline) and never
 * replicated, and replicated objects changed since (stale). The configuration is read from a
 * {@link ReplicationConfigSource} on every use; {@link #watch} a bucket before writing to it so
 * the baseline is taken in time.
 */
public final class LocalReplication implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalReplication.class);
  private static final int TEMPORARY_ATTEMPTS = 5;

  private final S3Client s3;
  private final ReplicationConfigSource configs;
  private final ObjectReplicator replicator;
  private final ReplicationStatuses statuses;
  private final ScheduledExecutorService executor;
  private final Duration delay;
  private final Set<String> watched = new CopyOnWriteArraySet<>();
  /**
   * For each enabled rule (bucket, id, selection), the objects (key to ETag) the bucket held when
   * the rule was first seen: those existed before it and are the backfill's to copy, not
   * replication's. Forgotten when the rule goes away, so a rule put back starts a new baseline.
   */
  private final Map<String, Map<String, String>> baselines = new ConcurrentHashMap<>();
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong copied = new AtomicLong();
  private volatile ScheduledFuture<?> periodic;

  /**
   * @param executor runs the copies and the periodic reconcile; the caller owns it
   * @param delay how long after a write its copy starts (S3 replicates within seconds to minutes;
   *     the rehearsal wants it short)
   */
  public LocalReplication(
      S3Client s3,
      ReplicationConfigSource configs,
      ReplicationStatuses statuses,
      Faults faults,
      ScheduledExecutorService executor,
      Duration delay) {
    this.s3 = s3;
    this.configs = configs;
    this.statuses = statuses;
    this.replicator = new ObjectReplicator(s3, faults, statuses);
    this.executor = executor;
    this.delay = delay;
  }

  /** Reconciles {@code bucket} (a replication source) on every periodic run. */
  public void watch(String bucket) {
    watched.add(bucket);
    rules(bucket);
  }

  /** Runs {@link #reconcile} on every watched bucket each {@code period}, until {@link #close}. */
  public synchronized void start(Duration period) {
    if (periodic == null) {
      long millis = Math.max(1, period.toMillis());
      periodic = executor.scheduleWithFixedDelay(this::reconcileAll, millis, millis, TimeUnit.MILLISECONDS);
    }
  }

  /** A write to {@code bucket/key} happened: copy it after the delay if a rule selects it now. */
  public void onWrite(String bucket, String key, String versionId) {
    // S3 decides at write time whether an object replicates. Nothing here calls S3: an embedded
    // server may call this from its own request thread.
    ReplicationRules rules = parsed(bucket);
    if (!rules.mayApply(key)) {
      return;
    }
    statuses.record(bucket, key, ReplicationStatus.PENDING, null);
    pending.incrementAndGet();
    executor.schedule(() -> copy(bucket, key, versionId, rules, 1), delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * A delete of {@code bucket/key} happened. Only a delete that added a delete marker (no version
   * id given) is replicated, and only by a rule that enables {@code DeleteMarkerReplication};
   * deleting a specific version never is.
   */
  public void onDelete(String bucket, String key, boolean deleteMarkerAdded) {
    if (!deleteMarkerAdded) {
      return;
    }
    pending.incrementAndGet();
    executor.schedule(
        () -> {
          try {
            replicator.replicateDelete(bucket, key, rules(bucket));
          } catch (RuntimeException e) {
            LOG.warn("Replicating the delete of s3://{}/{} failed: {}", bucket, key, e.toString());
          } finally {
            pending.decrementAndGet();
          }
        },
        delay.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Copies scheduled and not finished yet. */
  public long pending() {
    return pending.get();
  }

  /** Objects copied so far, by either trigger. */
  public long copied() {
    return copied.get();
  }

  /** Reconciles every watched bucket; a failure on one is logged and the others still run. */
  public void reconcileAll() {
    for (String bucket : watched) {
      try {
        reconcile(bucket);
      } catch (RuntimeException e) {
        LOG.warn("Reconciling the replication of {} failed: {}", bucket, e.toString());
      }
    }
  }

  /**
   * Lists {@code bucket} and copies, now, every object an enabled rule selects that was written
   * since the rule appeared and never replicated, or that changed since it was replicated.
   * Objects whose replication {@code FAILED} are left for a Batch Replication redrive, as on S3.
   *
   * @return how many objects it copied
   */
  public int reconcile(String bucket) {
    ReplicationRules rules = rules(bucket);
    if (!rules.anyEnabled()) {
      return 0;
    }
    int count = 0;
    for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) {
      String key = object.key();
      if (!rules.mayApply(key)) {
        continue;
      }
      ReplicationStatuses.Entry entry = statuses.entry(bucket, key);
      ReplicationStatus status = entry == null ? ReplicationStatus.NONE : entry.status();
      boolean stale = status == ReplicationStatus.COMPLETED && !object.eTag().equals(entry.replicatedETag());
      boolean newSinceRule = status == ReplicationStatus.NONE
          && rules.rules().stream().anyMatch(r -> r.enabled() && key.startsWith(r.prefix())
              && !object.eTag().equals(baselines.getOrDefault(ruleKey(bucket, r), Map.of()).get(key)));
      if ((stale || newSinceRule) && replicator.replicate(bucket, key, null, rules, false) instanceof ObjectReplicator.Replicated) {
        copied.incrementAndGet();
        count++;
      }
    }
    return count;
  }

  private void copy(String bucket, String key, String versionId, ReplicationRules rules, int attempt) {
    boolean last = attempt >= TEMPORARY_ATTEMPTS;
    try {
      rules(bucket); // notes a rule seen for the first time, with its baseline
      ObjectReplicator.Outcome outcome = replicator.replicate(bucket, key, versionId, rules, last);
      switch (outcome) {
        case ObjectReplicator.Replicated r -> copied.incrementAndGet();
        case ObjectReplicator.NotSelected n -> statuses.forget(bucket, key);
        case ObjectReplicator.Failed f when f.failure().temporary() && !last -> {
          pending.incrementAndGet();
          executor.schedule(() -> copy(bucket, key, versionId, rules, attempt + 1), delay.toMillis() * attempt + attempt, TimeUnit.MILLISECONDS);
        }
        case ObjectReplicator.Failed f ->
            LOG.warn("Replicating s3://{}/{} failed: {} {}", bucket, key, f.failure().errorCode(), f.failure().message());
      }
    } finally {
      pending.decrementAndGet();
    }
  }

  /** The bucket's rules now, noting when each enabled rule was first seen and forgetting removed ones. */
  private ReplicationRules rules(String bucket) {
    ReplicationRules rules = parsed(bucket);
    Set<String> current = new HashSet<>();
    Map<String, String> snapshot = null;
    for (ReplicationRules.Rule rule : rules.rules()) {
      if (rule.enabled()) {
        String k = ruleKey(bucket, rule);
        current.add(k);
        if (!baselines.containsKey(k)) {
          snapshot = snapshot != null ? snapshot : snapshot(bucket);
          baselines.putIfAbsent(k, snapshot);
        }
      }
    }
    baselines.keySet().removeIf(k -> k.startsWith(bucket + "\n") && !current.contains(k));
    return rules;
  }

  /** The bucket's rules now; none when its configuration is unreadable. */
  private ReplicationRules parsed(String bucket) {
    try {
      return ReplicationRules.of(configs, bucket);
    } catch (IllegalArgumentException e) {
      LOG.warn("The replication configuration of {} is unreadable, nothing replicates: {}", bucket, e.getMessage());
      return ReplicationRules.NONE;
    }
  }

  /** Every object of the bucket now, key to ETag; empty when it cannot be listed. */
  private Map<String, String> snapshot(String bucket) {
    Map<String, String> objects = new java.util.HashMap<>();
    try {
      for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) {
        objects.put(object.key(), object.eTag());
      }
    } catch (RuntimeException e) {
      LOG.warn("Listing {} for its replication baseline failed: {}", bucket, e.toString());
    }
    return Map.copyOf(objects);
  }

  /** A rule by bucket, id and what it selects and where to: a rule changed in place starts anew. */
  private static String ruleKey(String bucket, ReplicationRules.Rule rule) {
    return bucket + "\n" + rule.id() + "\n" + rule.prefix() + "\n" + rule.tags() + "\n" + rule.destinationBucket();
  }

  /** Stops the periodic reconcile; the executor belongs to the caller. */
  @Override
  public synchronized void close() {
    if (periodic != null) {
      periodic.cancel(false);
      periodic = null;
    }
  }
}
