/**
 * What the cutover needs of the world, in its own terms: distributions and their aliases, a
 * hosted zone's records, certificates, and a write-once record store. The AWS adapters ({@code
 * aws/}) and the local stand-ins implement these; the step knows neither.
 */
package dev.cutover.cutover.port;
