package dev.cutover.local.s3;

/**
 * Told of every successful object write {@link LocalS3} serves. It runs on the server's request
 * thread before the response reaches the client, so by the time a client's PutObject returns its
 * listeners have run; keep it quick (hand the write to a queue). An exception it throws is logged
 * and does not fail the request.
 */
@FunctionalInterface
public interface ObjectWriteListener {

  void onWrite(ObjectWrite write);
}
