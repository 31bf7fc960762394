package dev.cutover.parity;

/**
 * One way a key answered differently through the two distributions.
 *
 * @param key the object key ({@code /} for the distribution's root, which serves the default
 *     root object)
 * @param field {@code status}, a response header ({@code Content-Type}, {@code
 *     Access-Control-Allow-Origin}, …), {@code body} (SHA-256 and length of the representation,
 *     compared when both answered 2xx) or {@code fetch} (a side gave no complete answer)
 * @param blue what blue answered; {@code null} for a header blue did not send
 * @param green what green answered; {@code null} for a header green did not send
 */
record ProbeFinding(String key, String field, String blue, String green) {}
