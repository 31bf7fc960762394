package dev.cutover.cutover;

import dev.cutover.cutover.port.Certificates;
import dev.cutover.cutover.port.Distributions;
import dev.cutover.cutover.port.DnsZone;
import dev.cutover.cutover.port.RecordStore;

/**
 * Everything the cutover and rollback talk to: the AWS adapters in {@code aws/} in AWS, the
 * stand-ins locally, fakes in tests.
 */
public record Ports(Distributions distributions, DnsZone zone, Certificates certificates, RecordStore records) {}
