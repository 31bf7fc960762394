package dev.cutover.logscan.port;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a report object was written. */
public record ReportLocation(String bucket, String key) {

  /** {@code s3://bucket/key}, as the AWS CLI, the console and the verify step's {@code keysFrom} take it. */
  @JsonProperty("uri")
  public String uri() {
    return "s3://" + bucket + "/" + key;
  }
}
