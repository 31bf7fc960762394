package dev.cutover.preflight;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Archived objects on blue: S3 Glacier Flexible Retrieval and Deep Archive (exact, from the
 * listing) and the S3 Intelligent-Tiering archive tiers (from the HEAD sample). They are not
 * replicated, so green will not have them: a WARNING, not a BLOCKER, because blue cannot serve
 * them in real time either (GET answers InvalidObjectState), so users see no change; but someone
 * should decide to restore them or leave them behind.
 */
final class ArchiveCheck implements PreflightCheck {

  @Override
  public void run(Inspection inspection) {
    SideView blue = inspection.blue();
    SourceSurvey survey = inspection.survey();
    if (!survey.listed) {
      return;
    }
    if (survey.archivedObjects > 0) {
      String classes =
          survey.storageClasses.entrySet().stream()
              .filter(e -> SourceSurvey.ARCHIVE_CLASSES.contains(e.getKey()))
              .map(e -> String.format("%,d in %s", e.getValue(), e.getKey()))
              .collect(Collectors.joining(", "));
      inspection.add(Finding.objects("archive", Severity.WARNING, BucketSide.SOURCE, blue.prefixSubject(),
          String.format("%,d of %,d objects (%,d bytes) under %s are archived (%s). S3 replication does not replicate"
              + " S3 Glacier Flexible Retrieval or Deep Archive objects: they will be missing on green, and the verify"
              + " step will report them. Blue cannot serve them in real time either.",
              survey.archivedObjects, survey.objects, survey.archivedBytes, blue.prefixSubject(), classes),
          "Decide before the backfill: restore them and copy them in place into a non-archive storage class (S3 Batch"
              + " Operations: Restore, then Copy), or accept that green will not have them.",
          survey.archivedObjects, survey.archivedExamples));
    }
    List<SourceSurvey.Probe> tiered = survey.probes(p -> p.archiveStatus() != null);
    if (!tiered.isEmpty()) {
      inspection.add(Finding.objects("archive", Severity.WARNING, BucketSide.SOURCE, blue.prefixSubject(),
          String.format("%d of the objects HEAD saw (%s) are in an S3 Intelligent-Tiering archive tier (%s); about %,d in"
              + " all. Like Glacier objects they cannot be read in real time and will not replicate until restored.",
              tiered.size(), survey.sampleText(blue),
              tiered.stream().map(p -> p.probe().archiveStatus()).distinct().sorted().collect(Collectors.joining(", ")),
              survey.extrapolate(tiered.size())),
          "Restore them before the backfill (RestoreObject moves them back to the Frequent Access tier), or accept that"
              + " green will not have them.",
          tiered.size(), tiered.stream().map(SourceSurvey.Probe::key).toList()));
    }
    if (survey.archivedObjects == 0 && tiered.isEmpty()) {
      inspection.add(Finding.of("archive", Severity.INFO, BucketSide.SOURCE, blue.prefixSubject(),
          String.format("No object under %s is archived; storage classes: %s.", blue.prefixSubject(),
              survey.objects == 0 ? "none (the prefix is empty)" : classes(survey)), ""));
    }
  }

  private static String classes(SourceSurvey survey) {
    return survey.storageClasses.entrySet().stream()
        .map(e -> String.format("%s %,d", e.getKey(), e.getValue()))
        .collect(Collectors.joining(", "));
  }
}
