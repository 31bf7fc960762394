package dev.cutover.report;

/**
 * A field of the evidence the report could not read as its producer's contract says: a wrong
 * type, or a section that is not an object. Shown in the report and counted against the verdict,
 * never thrown: a report with a hole in it is still worth more to the approver than no report.
 *
 * @param field where, e.g. {@code verify.counts.sizeDiffers} or {@code preflight.findings[2].count}
 * @param message what was expected and what was found
 */
public record ReadProblem(String field, String message) {}
