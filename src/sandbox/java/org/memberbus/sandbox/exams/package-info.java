/**
 * The certification exam bodies of the sandbox.
 *
 * <p><b>REST exam body</b> ({@link org.memberbus.sandbox.exams.ExamsSimulator}, port
 * {@code sandbox.exams.port}). Every {@code /api/v1} call needs {@code X-Api-Key}
 * ({@code sandbox.exams.api-key}); lists answer {@code {"data":[...]}}, refusals
 * {@code {"error":code,"message":...}}.
 * <ul>
 * <li>{@code GET /api/v1/exams}, {@code GET /api/v1/exams/{code}}: the catalogue.</li>
 * <li>{@code PUT /api/v1/candidates/{clientCandidateId}} (the CRM contact id): register or update a
 *     candidate ({@code firstName}, {@code lastName}, {@code email}, {@code memberNumber}); 201 created,
 *     200 already so. {@code GET} the same path reads it.</li>
 * <li>{@code PUT /api/v1/authorizations/{clientAuthorizationId}}: authorise a registered candidate for an
 *     exam ({@code clientCandidateId}, {@code examCode}, {@code examAuthorizationCount},
 *     {@code eligibilityApptDateFirst}, {@code eligibilityApptDateLast}, {@code applicationId}), as Pearson
 *     VUE's exam authorization data; 422 {@code unknown_candidate} before the candidate is registered.
 *     {@code GET /api/v1/authorizations?clientCandidateId=}, {@code GET|DELETE /api/v1/authorizations/{id}}.</li>
 * <li>{@code POST /api/v1/appointments} (optional {@code Idempotency-Key}): book a sitting against an
 *     authorization ({@code authorizationId}, {@code preferredDate}); 201, 400 {@code invalid_request}
 *     with {@code errors[{field,reason}]}, 409 {@code not_authorized}, {@code outside_eligibility_window},
 *     {@code authorization_used}, {@code retake_waiting_period} (with {@code eligibleFrom}) or
 *     {@code already_scheduled}, 422 {@code idempotency_key_reused}.</li>
 * <li>{@code GET /api/v1/appointments/{id}}, {@code GET /api/v1/appointments?crmContactId=&applicationId=},
 *     {@code DELETE /api/v1/appointments/{id}} (cancel).</li>
 * <li>{@code GET /api/v1/results?crmContactId=&applicationId=}, {@code GET /api/v1/results/{resultId}}.</li>
 * <li>{@code POST|GET /api/v1/webhooks}, {@code DELETE /api/v1/webhooks/{id}}: endpoints for the
 *     signed {@code exam.result} event ({@link org.memberbus.sandbox.exams.WebhookDispatcher}).</li>
 * </ul>
 * Sandbox controls, no key: {@code POST /__sandbox/appointments/{id}/complete},
 * {@code GET /__sandbox/deliveries}, {@code POST /__sandbox/events/{id}/resend},
 * {@code GET|POST|DELETE /__sandbox/faults}, {@code POST /__sandbox/sftp/drop}.
 *
 * <p><b>File-drop exam body</b> ({@link org.memberbus.sandbox.exams.ExamsSftpServer}, port
 * {@code sandbox.exams.sftp-port}): nightly {@code outbox/results-YYYYMMDD.csv} files over SFTP,
 * in the format described on {@link org.memberbus.sandbox.exams.ResultFiles}.
 */
package org.memberbus.sandbox.exams;
