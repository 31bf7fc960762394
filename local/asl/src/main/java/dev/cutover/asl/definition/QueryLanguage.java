package dev.cutover.asl.definition;

/** The two query languages a state can use; JSONPath is the default when none is declared. */
public enum QueryLanguage {
  JSONPath,
  JSONata
}
