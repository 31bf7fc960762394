package dev.cutover.parity.port;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a report was written. */
public record ReportLocation(String bucket, String key) {

  /** {@code s3://bucket/key}, as the AWS CLI and console take it. */
  @JsonProperty("uri")
  public String uri() {
    return "s3://" + bucket + "/" + key;
  }
}
