package dev.cutover.cutover;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * CHECK's findings: the state of the move, for the report and for a person deciding whether to
 * go on.
 *
 * @param phase how far the move is: {@code NOT_STARTED} (blue holds the alias, the record points at
 *     blue), {@code DNS_POINTED} (blue holds it, the record points at green), {@code
 *     BLUE_DETACHED} (nobody holds it: green's wildcard serves), {@code GREEN_ATTACHED} (green
 *     holds it)
 * @param wildcardAlias the alias green serves with in between
 * @param blueDomainName blue's own name
 * @param greenDomainName green's own name
 * @param blueHoldsAlias whether blue holds the exact alias
 * @param greenHoldsAlias whether green holds the exact alias
 * @param greenHoldsWildcard whether green holds the wildcard alias
 * @param greenCertificate green's ACM certificate
 * @param certificateExpires when it expires, ISO-8601
 * @param records the hostname's routing records, described
 * @param recordsPointAt {@code BLUE} or {@code GREEN}
 * @param overlappingAliases the aliases in use that overlap the hostname, with who holds them
 *     (CloudFront hides most of the ids of other accounts' resources)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CheckReport(
    String phase,
    String wildcardAlias,
    String blueDomainName,
    String greenDomainName,
    boolean blueHoldsAlias,
    boolean greenHoldsAlias,
    boolean greenHoldsWildcard,
    String greenCertificate,
    String certificateExpires,
    String records,
    SideName recordsPointAt,
    List<String> overlappingAliases) {}
