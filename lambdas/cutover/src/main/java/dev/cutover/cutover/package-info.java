/**
 * The cutover step (DESIGN.md §1 step 9) and its rollback (step 11): the hostname moves from blue's
 * CloudFront distribution to green's, and back, with no request finding no distribution.
 *
 * <h2>Why the alias moves, and why by the wildcard method</h2>
 *
 * CloudFront routes a request by its Host header (and TLS SNI) to the distribution holding the
 * most specific matching alias, whichever distribution's name DNS resolved; and an alias sits on
 * one distribution at a time. A DNS change alone therefore moves nothing, and removing an alias
 * from one distribution before adding it to another would leave a gap. With green holding {@code
 * *.example.com} (and a certificate covering it) before anything starts, the move is:
 *
 * <table>
 *   <caption>The cutover, one Task state per action, Wait loops between</caption>
 *   <tr><th>action</th><th>what changes</th><th>who serves assets.example.com</th></tr>
 *   <tr><td>CHECK</td><td>nothing (read-only)</td><td>blue (exact alias)</td></tr>
 *   <tr><td>RECORD</td><td>the compensation is written to the report bucket</td><td>blue</td></tr>
 *   <tr><td>POINT_DNS, DNS_STATUS</td><td>the record points at green's domain name</td>
 *       <td>blue: its exact alias still wins wherever the request lands</td></tr>
 *   <tr><td>DETACH_BLUE, DISTRIBUTION_STATUS BLUE</td><td>blue lets go of the exact alias</td>
 *       <td>blue where the change has not arrived yet, green's wildcard where it has</td></tr>
 *   <tr><td>ATTACH_GREEN, DISTRIBUTION_STATUS GREEN</td><td>green takes the exact alias</td>
 *       <td>green (wildcard, then exact)</td></tr>
 * </table>
 *
 * <p>Rollback mirrors it: DETACH_GREEN (green's wildcard keeps serving), ATTACH_BLUE once green is
 * Deployed (blue's exact alias wins again as it deploys), RESTORE_DNS. Blue cannot take the alias
 * before green lets go of it (CNAMEAlreadyExists), and green's wildcard covers the moment between,
 * so this order is the one with no gap. The replication configuration is restored afterwards by
 * the replication step's {@code RESTORE}.
 *
 * <h2>Guards</h2>
 *
 * <ul>
 *   <li>The compensation is registered before the first change: POINT_DNS, DETACH_BLUE and
 *       ATTACH_GREEN refuse without the record, and RECORD never replaces one ({@code If-None-Match:
 *       *}), so the record is the truth from before the cutover however often the step runs.
 *   <li>DETACH_BLUE removes the alias only while green is enabled, Deployed and holds the wildcard
 *       (or the exact alias); DETACH_GREEN only while green still holds the wildcard.
 *   <li>The record moves by compare-and-swap: one change batch deletes exactly the values read
 *       (after checking they are the recorded ones) and creates the new ones. A value set by
 *       someone else is never overwritten: {@link dev.cutover.errors.ConcurrentChangeException}
 *       names the record and what it holds.
 *   <li>A distribution's configuration is written with {@code If-Match} on the ETag it was read
 *       with, and as the bytes CloudFront sent with only the aliases edited, so settings this SDK
 *       does not know survive.
 * </ul>
 *
 * <h2>Retries</h2>
 *
 * Route 53's PriorRequestNotComplete and throttling, and CloudFront's PreconditionFailed (another
 * writer between our read and write: we read again and recompute) are retried inside the action,
 * with backoff, {@link dev.cutover.cutover.Backoff#DEFAULT} attempts at most; then the action
 * raises {@link dev.cutover.errors.TransientException} for the state machine's Retry. Every other
 * failure is raised at once as the error contract.
 *
 * <h2>Accounts</h2>
 *
 * Blue's distribution is reached with {@code source.roleArn}; green's distribution, its ACM
 * certificate and the report bucket with {@code target.roleArn}. The hosted zone is assumed to be
 * in green's account (it usually moves with the platform) and is reached with {@code
 * target.roleArn}, unless the function's {@code CUTOVER_DNS_ROLE_ARN} names a role in the zone's
 * account (the legacy account, or a central DNS account).
 */
package dev.cutover.cutover;
