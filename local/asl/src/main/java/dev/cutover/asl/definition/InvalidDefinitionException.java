package dev.cutover.asl.definition;

import java.util.List;
import java.util.stream.Collectors;

/** A definition Step Functions would refuse at creation, with every reason at once. */
public final class InvalidDefinitionException extends RuntimeException {

  private final List<Diagnostic> diagnostics;

  public InvalidDefinitionException(List<Diagnostic> diagnostics) {
    super(
        diagnostics.stream()
            .map(Diagnostic::toString)
            .collect(Collectors.joining(", ", "Invalid State Machine Definition: '", "'")));
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
