package dev.cutover.preflight;

import dev.cutover.preflight.port.ListedObject;
import dev.cutover.preflight.port.ListingPage;
import dev.cutover.preflight.port.ObjectProbe;
import dev.cutover.preflight.port.Refusal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * Blue's objects under the prefix, read once for every check that needs them.
 *
 * <p>The listing is complete (ListObjectsV2 carries each object's size and storage class, so the
 * counts, bytes and archived objects are exact), but HEAD, which is needed for the encryption key
 * and to see whether the source account can read an object, is asked of a bounded sample only: a
 * uniform reservoir sample (Algorithm R) of at most {@link PreflightSettings#sampleSize()} keys
 * over the whole listing, seeded with the migration id so a re-run samples the same keys. Memory
 * stays bounded however many objects the bucket holds; findings from the sample say "N of M
 * sampled".
 */
final class SourceSurvey {

  /** Storage classes whose objects are archived: not readable in real time, not replicated. */
  static final Set<String> ARCHIVE_CLASSES = Set.of("GLACIER", "DEEP_ARCHIVE");

  /** A sampled key and what HEAD said about it. */
  record Probe(String key, ObjectProbe probe) {}

  /** Whether every page was listed; when false the counts below are partial and not used. */
  boolean listed;
  long objects;
  long bytes;
  long archivedObjects;
  long archivedBytes;
  final List<String> archivedExamples = new ArrayList<>();
  /** Objects per storage class, by name. */
  final Map<String, Long> storageClasses = new TreeMap<>();
  /** HEAD answers for the sampled keys, in key order; objects deleted since listing are left out. */
  final List<Probe> probes = new ArrayList<>();
  /** Whether the sample was probed (false when HEAD was refused outright). */
  boolean sampled;

  private SourceSurvey() {}

  /** A survey of nothing, for a blue that cannot be reached. */
  static SourceSurvey none() {
    return new SourceSurvey();
  }

  /** Lists everything under blue's prefix and HEADs a sample of it. */
  static SourceSurvey take(SideView blue, int sampleSize, long seed) {
    SourceSurvey survey = new SourceSurvey();
    if (!blue.reachable()) {
      return survey;
    }
    List<String> reservoir = new ArrayList<>(sampleSize);
    Random random = new Random(seed);
    String token = null;
    do {
      Optional<ListingPage> page =
          blue.list("listing", Severity.BLOCKER, "which objects the migration covers (the backfill and verify steps list them too)", token);
      if (page.isEmpty()) {
        return survey;
      }
      for (ListedObject object : page.get().objects()) {
        survey.count(object);
        long seen = survey.objects;
        if (reservoir.size() < sampleSize) {
          reservoir.add(object.key());
        } else {
          long slot = random.nextLong(seen);
          if (slot < sampleSize) {
            reservoir.set((int) slot, object.key());
          }
        }
      }
      token = page.get().nextToken();
    } while (token != null);
    survey.listed = true;
    survey.probe(blue, reservoir);
    return survey;
  }

  private void count(ListedObject object) {
    objects++;
    bytes += object.size();
    storageClasses.merge(object.storageClass(), 1L, Long::sum);
    if (ARCHIVE_CLASSES.contains(object.storageClass())) {
      archivedObjects++;
      archivedBytes += object.size();
      if (archivedExamples.size() < Finding.MAX_EXAMPLES) {
        archivedExamples.add(object.key());
      }
    }
  }

  private void probe(SideView blue, List<String> keys) {
    List<String> ordered = keys.stream().sorted(Comparator.naturalOrder()).toList();
    for (String key : ordered) {
      ObjectProbe probe;
      try {
        probe = blue.bucket().head(key);
      } catch (Refusal refusal) {
        blue.refused(refusal, "readability", Severity.BLOCKER, "whether blue's objects can be read, and how they are encrypted", SideView.Resource.OBJECTS);
        probes.clear();
        return;
      }
      if (probe.access() != ObjectProbe.Access.GONE) {
        probes.add(new Probe(key, probe));
      }
    }
    sampled = true;
  }

  /** "sampled 100 of 2,500 objects under s3://bucket/prefix". */
  String sampleText(SideView blue) {
    return "sampled " + probes.size() + " of " + String.format("%,d", objects) + " objects under " + blue.prefixSubject();
  }

  /** The number of objects under the prefix that {@code inSample} of the sample stands for. */
  long extrapolate(long inSample) {
    if (probes.isEmpty()) {
      return 0;
    }
    return Math.round((double) inSample * objects / probes.size());
  }

  /** The probes matching a condition. */
  List<Probe> probes(java.util.function.Predicate<ObjectProbe> condition) {
    return probes.stream().filter(p -> condition.test(p.probe())).toList();
  }
}
