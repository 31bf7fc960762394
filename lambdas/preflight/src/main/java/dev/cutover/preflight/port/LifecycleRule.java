package dev.cutover.preflight.port;

import java.util.List;

/**
 * One lifecycle rule, reduced to what can fight a migration.
 *
 * @param id the rule's id (may be empty)
 * @param enabled whether its status is {@code Enabled}
 * @param prefix the key prefix it applies to (from {@code Filter/Prefix}, {@code
 *     Filter/And/Prefix} or the legacy {@code Rule/Prefix}); empty for the whole bucket
 * @param narrowed whether tags or object sizes narrow it further, so it may match only some of
 *     the objects under the prefix
 * @param expirationDays {@code Expiration/Days}, or {@code null}
 * @param expirationDate {@code Expiration/Date} as ISO-8601, or {@code null}
 * @param transitionClasses the storage classes of its {@code Transition}s (current versions)
 */
public record LifecycleRule(
    String id,
    boolean enabled,
    String prefix,
    boolean narrowed,
    Integer expirationDays,
    String expirationDate,
    List<String> transitionClasses) {

  public LifecycleRule {
    id = id == null ? "" : id;
    prefix = prefix == null ? "" : prefix;
    transitionClasses = List.copyOf(transitionClasses);
  }

  /** Whether it expires current versions (after some days or on a date). */
  public boolean expiresCurrentVersions() {
    return expirationDays != null || expirationDate != null;
  }
}
