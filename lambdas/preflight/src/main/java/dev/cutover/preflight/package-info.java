/**
 * The preflight step (DESIGN.md §1 step 1): checks the world before anything changes and returns
 * every finding at once. Read-only.
 *
 * <h2>Severities</h2>
 *
 * A BLOCKER fails preflight ({@code passed: false}); a WARNING passes but needs a person's
 * decision; INFO records what was checked and found in order.
 *
 * <table>
 *   <caption>What each check reports</caption>
 *   <tr><th>check</th><th>finding</th><th>severity</th><th>why</th></tr>
 *   <tr><td>reachability</td><td>bucket missing, in another region, or role not assumable</td>
 *       <td>BLOCKER</td><td>nothing on that side can work; its other checks are skipped</td></tr>
 *   <tr><td>versioning</td><td>suspended or never enabled, either side</td><td>BLOCKER</td>
 *       <td>S3 replication requires it on both buckets</td></tr>
 *   <tr><td>ownership</td><td>green not BucketOwnerEnforced</td><td>WARNING</td>
 *       <td>cutover's rule uses owner override, so replicas are green's anyway; other writers'
 *       objects may not be, and the replication role needs ObjectOwnerOverrideToBucketOwner</td></tr>
 *   <tr><td>ownership</td><td>blue not BucketOwnerEnforced</td><td>WARNING</td>
 *       <td>a risk, measured by the readability check, which blocks when it finds foreign objects</td></tr>
 *   <tr><td>encryption</td><td>blue's objects (sampled) or default encryption under aws/s3</td>
 *       <td>BLOCKER</td><td>aws/s3 objects cannot be replicated to another account</td></tr>
 *   <tr><td>encryption</td><td>SSE-KMS objects on blue but no {@code target.kmsKeyArn}</td>
 *       <td>BLOCKER</td><td>cutover's rule replicates SSE-KMS objects only with a replica key</td></tr>
 *   <tr><td>encryption</td><td>{@code target.kmsKeyArn} is green's aws/s3 key</td><td>BLOCKER</td>
 *       <td>blue's replication role cannot encrypt with another account's AWS managed key</td></tr>
 *   <tr><td>encryption</td><td>green's default is aws/s3, or a key other than the plan's;
 *       blue's objects under keys the plan does not name</td><td>WARNING</td>
 *       <td>works for replicas, bites for other writes (CloudFront cannot decrypt aws/s3) or needs grants</td></tr>
 *   <tr><td>archive</td><td>GLACIER / DEEP_ARCHIVE (exact) or Intelligent-Tiering archive tiers
 *       (sampled)</td><td>WARNING</td><td>not replicated, so missing on green; blue cannot serve them
 *       in real time either, so users see no change</td></tr>
 *   <tr><td>readability</td><td>sampled objects blue's account cannot read (403)</td><td>BLOCKER</td>
 *       <td>S3 replicates only objects the source bucket owner can read</td></tr>
 *   <tr><td>readability</td><td>sampled SSE-C objects</td><td>WARNING</td>
 *       <td>CloudFront cannot serve them; cutover cannot verify them</td></tr>
 *   <tr><td>lifecycle</td><td>green rule expiring or archiving objects under the prefix</td>
 *       <td>BLOCKER</td><td>replicas keep blue's creation time: they would expire or be archived on arrival</td></tr>
 *   <tr><td>lifecycle</td><td>blue rule expiring or archiving objects under the prefix</td>
 *       <td>WARNING</td><td>objects come and go, or archive before the backfill reaches them</td></tr>
 *   <tr><td>contents</td><td>green already holds objects under the prefix</td><td>INFO</td>
 *       <td>expected on re-runs; replication writes new versions over them</td></tr>
 *   <tr><td>listing</td><td>blue's listing refused</td><td>BLOCKER</td>
 *       <td>the backfill and verify steps list it too; the estimate is then unavailable</td></tr>
 *   <tr><td>estimate</td><td>blue and green in different regions</td><td>INFO</td>
 *       <td>inter-region transfer is charged (in the estimate)</td></tr>
 * </table>
 *
 * <p>A refused call (AccessDenied) is a finding of the check that needed it, at the severity of
 * the worst thing that check could have found (so an unverified prerequisite never passes
 * silently), naming the role, the resource ARN and the permission to grant.
 *
 * <h2>Sampling</h2>
 *
 * Counts, bytes and archived objects come from the complete listing; the encryption key,
 * readability and Intelligent-Tiering archive tier come from HEAD of at most {@link
 * dev.cutover.preflight.PreflightSettings#sampleSize()} keys drawn uniformly over the listing,
 * and findings from them say "sampled N of M" with an estimate for the whole prefix.
 */
package dev.cutover.preflight;
