package dev.cutover.preflight;

import dev.cutover.preflight.port.ListedObject;
import dev.cutover.preflight.port.ListingPage;

/**
 * What green already holds under the prefix, from one listing page: INFO either way. A green
 * that is not empty is expected on a re-run or a nightly VALIDATE_ONLY run; on a first migration
 * it means replicas will be written over those keys as new versions, and keys only green has
 * will show up in verification as extra.
 */
final class ContentsCheck implements PreflightCheck {

  @Override
  public void run(Inspection inspection) {
    SideView green = inspection.green();
    green.list("contents", Severity.WARNING, "whether green already holds objects under the prefix", null)
        .ifPresent(page -> inspection.add(finding(green, page)));
  }

  private static Finding finding(SideView green, ListingPage page) {
    if (page.objects().isEmpty()) {
      return Finding.of("contents", Severity.INFO, BucketSide.TARGET, green.prefixSubject(),
          "Green holds no objects under " + green.prefixSubject() + " yet.", "");
    }
    String atLeast = page.nextToken() == null ? "" : "at least ";
    return Finding.objects("contents", Severity.INFO, BucketSide.TARGET, green.prefixSubject(),
        String.format("Green already holds %s%,d object%s under %s. Replication writes new versions over keys blue also"
            + " has; keys only green has stay, and verification reports them as extra.",
            atLeast, page.objects().size(), page.objects().size() == 1 ? "" : "s", green.prefixSubject()),
        "", page.objects().size(), page.objects().stream().map(ListedObject::key).toList());
  }
}
