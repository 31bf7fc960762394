package dev.cutover.preflight;

import dev.cutover.preflight.port.ObjectProbe.Access;
import java.util.List;

/**
 * Whether blue's account can read its objects (HEAD of the sample). S3 replicates only objects
 * the source bucket owner can read; an object written by another account with ACLs enabled can
 * stay that account's, and would be missing on green: BLOCKER. When no sampled object at all can
 * be read, the role more likely lacks {@code s3:GetObject}: still a BLOCKER, with both causes in
 * the fix. Objects under customer-provided keys (SSE-C) are a WARNING: CloudFront cannot serve
 * them and cutover cannot verify them.
 */
final class ReadabilityCheck implements PreflightCheck {

  @Override
  public void run(Inspection inspection) {
    SideView blue = inspection.blue();
    SourceSurvey survey = inspection.survey();
    if (!survey.sampled || survey.probes.isEmpty()) {
      return;
    }
    int sampled = survey.probes.size();
    List<SourceSurvey.Probe> forbidden = survey.probes(p -> p.access() == Access.FORBIDDEN);
    String ownershipFix =
        "Set Object Ownership to BucketOwnerEnforced on " + blue.subject() + " (account " + blue.plan.accountId()
            + " then owns every existing object), or have the accounts that wrote them grant bucket-owner-full-control;"
            + " then run preflight again.";
    if (forbidden.size() == sampled) {
      inspection.add(Finding.objects("readability", Severity.BLOCKER, BucketSide.SOURCE, blue.prefixSubject(),
          "None of the objects HEAD asked about could be read as " + blue.plan.roleArn() + " (" + survey.sampleText(blue)
              + "; every answer was 403).",
          "Allow s3:GetObject and s3:GetObjectVersion on " + blue.resourceArn(SideView.Resource.OBJECTS) + " to "
              + blue.plan.roleArn() + ". If it already may, the objects belong to other accounts: " + ownershipFix,
          forbidden.size(), keys(forbidden)));
    } else if (!forbidden.isEmpty()) {
      inspection.add(Finding.objects("readability", Severity.BLOCKER, BucketSide.SOURCE, blue.prefixSubject(),
          String.format("%d of the objects HEAD asked about (%s) cannot be read by blue's account (403) while the others"
              + " can: they were written by other accounts and still belong to them. S3 replicates only objects the"
              + " source bucket owner can read, so about %,d objects would be missing on green.",
              forbidden.size(), survey.sampleText(blue), survey.extrapolate(forbidden.size())),
          ownershipFix, forbidden.size(), keys(forbidden)));
    }
    List<SourceSurvey.Probe> customerKey = survey.probes(p -> p.access() == Access.CUSTOMER_KEY_REQUIRED);
    if (!customerKey.isEmpty()) {
      inspection.add(Finding.objects("readability", Severity.WARNING, BucketSide.SOURCE, blue.prefixSubject(),
          String.format("%d of the objects HEAD asked about (%s) are encrypted with customer-provided keys (SSE-C; HEAD"
              + " needs the key); about %,d in all. CloudFront cannot serve SSE-C objects and cutover cannot verify them"
              + " without the key.", customerKey.size(), survey.sampleText(blue), survey.extrapolate(customerKey.size())),
          "Re-encrypt them with SSE-S3 or SSE-KMS (copy each in place, giving its key), or accept that green's copies"
              + " cannot be verified.",
          customerKey.size(), keys(customerKey)));
    }
    if (forbidden.isEmpty() && customerKey.isEmpty()) {
      inspection.add(Finding.of("readability", Severity.INFO, BucketSide.SOURCE, blue.prefixSubject(),
          "Every object HEAD asked about could be read as " + blue.plan.roleArn() + " (" + survey.sampleText(blue) + ").",
          ""));
    }
  }

  private static List<String> keys(List<SourceSurvey.Probe> probes) {
    return probes.stream().map(SourceSurvey.Probe::key).toList();
  }
}
