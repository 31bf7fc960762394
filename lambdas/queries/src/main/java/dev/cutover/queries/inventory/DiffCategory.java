package dev.cutover.queries.inventory;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a key can differ between the two inventories; the names are those {@code inventory-diff.sql}
 * returns and the step's result shows.
 */
public enum DiffCategory {
  /** On blue, not on green. */
  MISSING_ON_TARGET("missingOnTarget"),
  /** On green, not on blue. */
  EXTRA_ON_TARGET("extraOnTarget"),
  /** On both, different sizes. */
  SIZE_DIFFERS("sizeDiffers"),
  /** On both, different storage classes: a mismatch only when the plan compares storage class. */
  STORAGE_CLASS_DIFFERS("storageClassDiffers"),
  /** Same size, both ETags are MD5s of the bytes, and they differ: different bytes. */
  CHECKSUM_DIFFERS("checksumDiffers"),
  /** Same size, but an ETag is not an MD5 of the bytes: the inventory cannot prove them equal. */
  CONTENT_UNVERIFIED("contentUnverified");

  private final String jsonName;

  DiffCategory(String jsonName) {
    this.jsonName = jsonName;
  }

  public String jsonName() {
    return jsonName;
  }

  static Optional<DiffCategory> of(String name) {
    return Arrays.stream(values()).filter(c -> c.jsonName.equals(name)).findFirst();
  }
}
