/**
 * The JSONPath query language of Amazon States Language, as the Step Functions developer guide
 * documents it: paths and reference paths over the state input ({@code $}), the context object
 * ({@code $$}) and variables ({@code $name}); intrinsic functions; payload templates ({@code
 * Parameters}, {@code ResultSelector}, {@code ItemSelector}, {@code Assign}); and the {@code
 * InputPath} / {@code ResultPath} / {@code OutputPath} pipeline. Failures are {@link
 * dev.cutover.asl.StatesError}s named as AWS names them, so {@code Retry} and {@code Catch} can
 * match them.
 */
package dev.cutover.asl.jsonpath;
