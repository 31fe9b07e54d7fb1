/**
 * The webinar platform simulator (Zoom's API, the subset an association uses), run beside the bus
 * in the sandbox on {@code sandbox.webinar.port} (8097).
 *
 * <p>Server-to-Server OAuth: {@code POST /oauth/token?grant_type=account_credentials&account_id=}
 * with HTTP basic client id and secret answers a bearer token for an hour (no refresh token).
 * Under {@code /v2} with {@code Authorization: Bearer}: webinars ({@code POST /v2/users/me/webinars},
 * {@code GET /v2/webinars/{id}}), registrants ({@code POST|GET /v2/webinars/{id}/registrants}: the same
 * email again answers the same registrant, as Zoom does) and the past webinar's participants report
 * ({@code GET /v2/report/webinars/{id}/participants}, one row per join..leave with {@code duration}
 * in seconds, {@code page_size} up to 300 and {@code next_page_token} paging; only once the webinar
 * ended). Errors in Zoom's {@code {"code","message"}} body. Rate limits per second by Zoom's labels
 * (Light 30, Heavy 10 on a Pro account): 429 with {@code X-RateLimit-Category}, {@code X-RateLimit-Type: QPS}
 * and {@code Retry-After}. Webhooks to the event subscription's URL, signed as Zoom signs them
 * ({@code x-zm-signature: v0=HMAC-SHA256(secret, "v0:" + x-zm-request-timestamp + ":" + body)}),
 * after Zoom's {@code endpoint.url_validation} handshake: {@code webinar.participant_joined},
 * {@code webinar.participant_left}, {@code webinar.ended}; retried while the endpoint fails.
 * Sandbox switches under {@code /__sandbox}: the event subscription, participants joining and
 * leaving, ending a webinar, deliveries, faults.
 */
package org.memberbus.sandbox.webinar;
