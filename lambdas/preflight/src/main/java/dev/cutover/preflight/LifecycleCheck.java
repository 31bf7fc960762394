package dev.cutover.preflight;

import dev.cutover.preflight.port.LifecycleRule;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Enabled lifecycle rules whose filter overlaps the migrated prefix and would fight the backfill.
 *
 * <p>On green, replicas keep blue's creation time, so a rule that expires current objects, or
 * moves them to S3 Glacier Flexible Retrieval or Deep Archive, after N days acts on old objects
 * as soon as they arrive: green would lose them, or CloudFront could not serve them (GET answers
 * InvalidObjectState). BLOCKER. On blue the same rules are a WARNING: objects that expire, or are
 * archived before the backfill reaches them, come and go during the migration (an expiry in a
 * versioned bucket is a delete marker, replicated as configured), and archived ones will not
 * replicate. Transitions to classes that still serve in real time, noncurrent-version rules and
 * clean-up rules (incomplete uploads, expired delete markers) do not fight it and are not reported.
 */
final class LifecycleCheck implements PreflightCheck {

  static final Set<String> ARCHIVE_TRANSITIONS = Set.of("GLACIER", "DEEP_ARCHIVE");

  /** Rules named in one finding's message; the rest are counted. */
  static final int MAX_RULES_NAMED = 5;

  @Override
  public void run(Inspection inspection) {
    check(inspection, inspection.blue(), Severity.WARNING);
    check(inspection, inspection.green(), Severity.BLOCKER);
  }

  private static void check(Inspection inspection, SideView side, Severity severity) {
    side.lifecycleRules(severity).ifPresent(rules -> {
      List<LifecycleRule> overlapping =
          rules.stream().filter(LifecycleRule::enabled).filter(r -> overlaps(r.prefix(), side.prefix)).toList();
      List<LifecycleRule> expiring = overlapping.stream().filter(LifecycleRule::expiresCurrentVersions).toList();
      List<LifecycleRule> archiving = overlapping.stream().filter(archives()).toList();
      boolean green = side.side == BucketSide.TARGET;
      if (!expiring.isEmpty()) {
        inspection.add(Finding.of("lifecycle", severity, side.side, side.prefixSubject(),
            "Lifecycle " + describe(expiring, LifecycleCheck::expiry) + " on " + side.colour() + (expiring.size() == 1 ? " expires" : " expire") + " current"
                + " objects under " + side.prefixSubject() + ". "
                + (green
                    ? "Replicas keep blue's creation time, so objects older than that would expire on green as soon as"
                        + " they arrive, while blue still serves them."
                    : "Objects that expire during the migration disappear from blue (a delete marker, replicated to"
                        + " green as configured), and the verify step may report them."),
            green
                ? "Disable these rules on green, or narrow them to exclude " + side.prefix + ", until after cutover; re-add"
                    + " them knowing that replicas arrive already old."
                : "Disable these rules on blue for the migration (the backfill and verification), or accept that expiring"
                    + " objects come and go."));
      }
      if (!archiving.isEmpty()) {
        inspection.add(Finding.of("lifecycle", severity, side.side, side.prefixSubject(),
            "Lifecycle " + describe(archiving, LifecycleCheck::transition) + " on " + side.colour() + (archiving.size() == 1 ? " moves" : " move") + " objects under "
                + side.prefixSubject() + " to an archive storage class. "
                + (green
                    ? "Replicas keep blue's creation time, so old objects would be archived on arrival and CloudFront"
                        + " could not serve them (GET answers InvalidObjectState)."
                    : "Objects archived before the backfill reaches them will not replicate."),
            green
                ? "Disable these rules on green, or narrow them to exclude " + side.prefix + "; archived assets cannot be"
                    + " served."
                : "Disable these rules on blue until the backfill has finished."));
      }
      if (expiring.isEmpty() && archiving.isEmpty()) {
        inspection.add(Finding.of("lifecycle", Severity.INFO, side.side, side.prefixSubject(),
            "No enabled lifecycle rule on " + side.colour() + " expires or archives objects under " + side.prefixSubject()
                + " (" + rules.size() + " rule" + (rules.size() == 1 ? "" : "s") + " read).", ""));
      }
    });
  }

  /** Whether a rule's prefix and the migrated prefix can both match a key. */
  static boolean overlaps(String rulePrefix, String migrated) {
    return rulePrefix.startsWith(migrated) || migrated.startsWith(rulePrefix);
  }

  private static Predicate<LifecycleRule> archives() {
    return r -> r.transitionClasses().stream().anyMatch(ARCHIVE_TRANSITIONS::contains);
  }

  private static String describe(List<LifecycleRule> rules, java.util.function.Function<LifecycleRule, String> what) {
    String named =
        rules.stream().limit(MAX_RULES_NAMED)
            .map(r -> "\"" + r.id() + "\" (" + what.apply(r) + (r.prefix().isEmpty() ? ", whole bucket" : ", prefix " + r.prefix())
                + (r.narrowed() ? ", only objects matching its tags or sizes" : "") + ")")
            .collect(Collectors.joining(", "));
    String more = rules.size() > MAX_RULES_NAMED ? " and " + (rules.size() - MAX_RULES_NAMED) + " more" : "";
    return (rules.size() == 1 ? "rule " : "rules ") + named + more;
  }

  private static String expiry(LifecycleRule rule) {
    return rule.expirationDays() != null ? "after " + rule.expirationDays() + " days" : "on " + rule.expirationDate();
  }

  private static String transition(LifecycleRule rule) {
    return "to " + rule.transitionClasses().stream().filter(ARCHIVE_TRANSITIONS::contains).distinct()
        .collect(Collectors.joining(" and "));
  }
}
