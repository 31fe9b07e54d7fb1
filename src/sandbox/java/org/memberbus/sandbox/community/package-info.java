/**
 * The community platform simulator (a Higher Logic-like member portal), run beside the bus in
 * the sandbox on {@code sandbox.community.port}.
 *
 * <p>REST API under {@code /api/v1}, JSON, key in {@code X-Api-Key}: accounts (paged list,
 * create, {@code PATCH} with optional {@code If-Match: "<version>"}, access, status, suspension),
 * groups, badges, CE balance, content grants, event pages and registrations, membership and
 * certification applications, webhook subscriptions and the delivery log. Errors are
 * {@code {"error": "...", "field": "..."}}.
 *
 * <p>What members do ({@code POST /api/v1/activity}, {@code POST /api/v1/applications}) changes
 * the platform and emits a webhook {@code {"id":"evt_...","type","created","account":{"id",
 * "crmContactId"},"data"}} signed {@code X-Community-Signature: t=<unix>,v1=<hex HMAC-SHA256 of
 * "t.body">}; integration writes through the API never do. Faults: {@code /__sandbox/faults}.
 */
package org.memberbus.sandbox.community;
