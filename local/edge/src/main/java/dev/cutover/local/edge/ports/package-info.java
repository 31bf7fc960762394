/**
 * The steps' ports on the local stand-ins, behind the same interfaces as the AWS adapters: the
 * cutover's {@code Distributions}, {@code DnsZone} and {@code Certificates}; parity's {@code
 * EdgeConfigs} and {@code Probe}; the watch's {@code Metrics} and {@code Probe}. Each maps the
 * stand-in's refusals to the port's exceptions as the AWS adapter maps the SDK's.
 */
package dev.cutover.local.edge.ports;
