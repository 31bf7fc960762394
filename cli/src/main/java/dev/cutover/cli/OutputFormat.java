package dev.cutover.cli;

/** {@code --output}: sentences for people, or one JSON object per result for scripts. */
public enum OutputFormat {
  text,
  json
}
