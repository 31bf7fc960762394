package dev.cutover.cutover.port;

/**
 * Where the cutover record lives, and the identity to reach it with.
 *
 * @param bucket the report bucket (in green's account)
 * @param key {@code {batch.reportPrefix}{migrationId}/cutover/record.json}
 * @param region the bucket's region
 * @param expectedOwner the account that must own the bucket
 * @param roleArn the role cutover assumes in that account
 * @param sessionName who is calling, for CloudTrail (the migration id)
 */
public record RecordLocation(
    String bucket, String key, String region, String expectedOwner, String roleArn, String sessionName) {

  public String uri() {
    return "s3://" + bucket + "/" + key;
  }
}
