/**
 * The seam between the {@code cutover} command and the local runtime (the embedded S3, the
 * stand-ins, the local Step Functions endpoint and decide URL, the traffic generator).
 *
 * <p>{@code cutover rehearse} and {@code cutover serve} parse and check their options here and
 * then hand them to a {@link dev.cutover.cli.local.Rehearsal} or a {@link
 * dev.cutover.cli.local.LocalServer}, found with {@link java.util.ServiceLoader} (a {@code
 * META-INF/services/dev.cutover.cli.local.Rehearsal} / {@code ...LocalServer} file naming the
 * implementing class). {@link dev.cutover.cli.local.LocalDeploymentServer} is the server, over the
 * local runtime's {@code LocalDeployment}. Without an implementation on the class path a command
 * says so and exits 3; it never pretends to run anything. Every other command talks the Step
 * Functions API and needs no runtime: point it at a running {@code cutover serve} with {@code
 * --endpoint-url}.
 */
package dev.cutover.cli.local;
