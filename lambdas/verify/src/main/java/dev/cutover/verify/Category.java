package dev.cutover.verify;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a key on blue and green can differ; the names are the JSON names in results and reports. */
enum Category {
  /** On blue, not on green. */
  MISSING_ON_TARGET("missingOnTarget", true),
  /** On green, not on blue: green would serve something blue does not. */
  EXTRA_ON_TARGET("extraOnTarget", true),
  /** On both, different sizes. */
  SIZE_DIFFERS("sizeDiffers", true),
  /** Same size, but a full-object checksum (or a comparable ETag) differs: different bytes. */
  CHECKSUM_DIFFERS("checksumDiffers", true),
  /** A compared metadata field (headers, user metadata, tags, storage class) differs. */
  METADATA_DIFFERS("metadataDiffers", true),
  /**
   * Same size and metadata, but nothing proves the bytes equal: no checksum of the same algorithm
   * on both sides, and an ETag that is not a content hash (multipart, SSE-KMS). Reported, not
   * counted as a mismatch; a Batch Operations "compute checksum" job can settle it.
   */
  CONTENT_UNVERIFIED("contentUnverified", false);

  private final String jsonName;
  private final boolean mismatch;

  Category(String jsonName, boolean mismatch) {
    this.jsonName = jsonName;
    this.mismatch = mismatch;
  }

  @JsonValue
  String jsonName() {
    return jsonName;
  }

  /** Whether an object in this category counts against the mismatch tolerance. */
  boolean mismatch() {
    return mismatch;
  }
}
