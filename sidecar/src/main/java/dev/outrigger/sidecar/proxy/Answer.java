package dev.outrigger.sidecar.proxy;

/**
 * How one attempt to forward a request ended when the upstream answered.
 *
 * @param status the upstream's status
 * @param sent whether the answer was streamed to the client; if not, it was read and dropped
 * so that the request can be tried again
 * @param meshError the {@code X-Outrigger-Error} code of the answer, or {@code null}
 */
public record Answer(int status, boolean sent, String meshError) {
}
