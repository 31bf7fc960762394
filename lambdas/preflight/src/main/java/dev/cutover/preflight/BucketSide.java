package dev.cutover.preflight;

import com.fasterxml.jackson.annotation.JsonValue;

/** Which side a finding is about; the JSON values are {@code source}, {@code target}, {@code both}. */
public enum BucketSide {
  SOURCE("source"),
  TARGET("target"),
  BOTH("both");

  private final String jsonName;

  BucketSide(String jsonName) {
    this.jsonName = jsonName;
  }

  @JsonValue
  public String jsonName() {
    return jsonName;
  }

  /** "blue" or "green", as messages call the sides. */
  String colour() {
    return switch (this) {
      case SOURCE -> "blue";
      case TARGET -> "green";
      case BOTH -> "blue and green";
    };
  }
}
