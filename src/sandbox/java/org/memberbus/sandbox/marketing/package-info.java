/**
 * The marketing automation simulator (Marketo-like), run beside the bus in the sandbox on
 * {@code sandbox.marketing.port}.
 *
 * <p>{@code GET|POST /identity/oauth/token} (or {@code /oauth/token}) with
 * {@code grant_type=client_credentials}, {@code client_id}, {@code client_secret} answers a bearer
 * token for {@code Authorization: Bearer}. Under {@code /rest/v1}: contacts upsert and read,
 * campaign triggers (no de-duplication: a repeated request runs the campaign again, as on Marketo)
 * and the list of triggered runs. Answers use Marketo's envelope
 * {@code {"requestId","success","result"|"errors"}} and Marketo's error codes, with HTTP 200 as
 * Marketo does. More than {@code sandbox.marketing.rate-limit-calls} (100) calls in
 * {@code sandbox.marketing.rate-limit-window-seconds} (20) answer error 606, no Retry-After.
 * Sandbox switches: {@code /__sandbox/faults}, {@code DELETE /__sandbox/tokens}.
 */
package org.memberbus.sandbox.marketing;
