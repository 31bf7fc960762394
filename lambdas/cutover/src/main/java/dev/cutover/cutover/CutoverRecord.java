package dev.cutover.cutover;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.cutover.cutover.port.DnsRecord;
import dev.cutover.errors.PreconditionFailedException;
import dev.cutover.json.Json;
import java.util.List;

/**
 * The compensation, written by RECORD before the first change and never replaced: how blue,
 * green and the hostname's records were before the cutover, and the records the cutover puts in
 * their place. Rollback reads only this (never the plan's idea of the world), so it puts back
 * exactly what was there, and it recognises the cutover's own records when it takes them away.
 *
 * @param version the format of this file, {@value #VERSION}
 * @param migrationId the migration that wrote it
 * @param recordedBy the execution that wrote it
 * @param recordedAt when, ISO-8601 UTC
 * @param hostname the exact alias that moves
 * @param wildcardAlias the alias green serves with in between
 * @param hostedZoneId the zone holding the record
 * @param blue blue's distribution before the cutover
 * @param green green's distribution before the cutover
 * @param dnsBefore the hostname's A, AAAA and CNAME record sets before the cutover, exactly as Route
 *     53 returned them
 * @param dnsAfter the record sets POINT_DNS puts in their place (each one aimed at green)
 */
record CutoverRecord(
    int version,
    String migrationId,
    String recordedBy,
    String recordedAt,
    String hostname,
    String wildcardAlias,
    String hostedZoneId,
    SideRecord blue,
    SideRecord green,
    List<DnsRecord> dnsBefore,
    List<DnsRecord> dnsAfter) {

  static final int VERSION = 1;

  /**
   * One distribution before the cutover.
   *
   * @param distributionId its id
   * @param domainName its own name, which records point at
   * @param aliases its aliases then
   */
  record SideRecord(String distributionId, String domainName, List<String> aliases) {

    SideRecord {
      aliases = List.copyOf(aliases);
    }

    boolean held(String alias) {
      return aliases.contains(alias);
    }
  }

  byte[] toBytes() {
    try {
      return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the cutover record always serialises", e);
    }
  }

  /**
   * The record in {@code bytes}, checked against the migration it is read for.
   *
   * @throws PreconditionFailedException when it is unreadable or belongs to another hostname,
   *     zone or pair of distributions (the plan changed under a running migration)
   */
  static CutoverRecord parse(byte[] bytes, Migration m) {
    CutoverRecord record;
    try {
      record = Json.mapper().readValue(bytes, CutoverRecord.class);
    } catch (java.io.IOException e) {
      throw new PreconditionFailedException(
          "The cutover record at " + m.record().uri() + " cannot be read (" + e.getMessage() + ")."
              + " It holds what rollback puts back; restore it from the bucket's versions, or"
              + " compare the world with it by hand. Nothing was changed.", e);
    }
    StringBuilder differences = new StringBuilder();
    differ(differences, "hostname", record.hostname(), m.hostname());
    differ(differences, "hosted zone", record.hostedZoneId(), m.zone().hostedZoneId());
    differ(differences, "blue distribution", record.blue() == null ? null : record.blue().distributionId(), m.blue().distributionId());
    differ(differences, "green distribution", record.green() == null ? null : record.green().distributionId(), m.green().distributionId());
    if (record.version() != VERSION || record.dnsBefore() == null || record.dnsAfter() == null) {
      differences.append(" format version ").append(record.version()).append(" (this build reads ").append(VERSION).append(");");
    }
    if (!differences.isEmpty()) {
      throw new PreconditionFailedException(
          "The cutover record at " + m.record().uri() + " was written for another setup than this"
              + " plan's:" + differences.deleteCharAt(differences.length() - 1) + ". A plan must"
              + " keep its hostname, zone and distributions for the life of a migration; run with"
              + " the plan that recorded it, or use a new migrationId for a new migration. Nothing"
              + " was changed.");
    }
    return record;
  }

  private static void differ(StringBuilder out, String what, String recorded, String planned) {
    if (recorded == null || !recorded.equals(planned)) {
      out.append(" ").append(what).append(" is ").append(recorded).append(" in the record, ").append(planned).append(" in the plan;");
    }
  }
}
