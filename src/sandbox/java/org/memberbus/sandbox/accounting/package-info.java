/**
 * The accounting system simulator: a general ledger with a small JSON REST API.
 *
 * <p>Every call to {@code /api/v1/*} carries {@code X-Api-Key: accounting-sandbox-key}
 * ({@code sandbox.accounting.api-key}); errors are RFC 9457 problem details
 * ({@code application/problem+json}) with a stable {@code code} and, for validation, an
 * {@code errors} list of {@code {field, code, message}}.
 *
 * <ul>
 * <li>{@code GET /api/v1/accounts[?type=ASSET|LIABILITY|NET_ASSETS|REVENUE|EXPENSE]},
 * {@code GET /api/v1/accounts/{code}}, {@code GET /api/v1/accounts/{code}/balance?asOf=YYYY-MM-DD},
 * {@code GET /api/v1/trial-balance?asOf=}.</li>
 * <li>{@code POST /api/v1/journal-entries}
 * {@code {"date":"2026-11-23","externalReference":"pi_123","memo":"..","lines":[{"account":"1100","debit":295.00,"credit":0,"memo":".."},..]}}:
 * 201 posted; 200 {@code Idempotent-Replayed: true} for a repeat (same reference and content);
 * 409 {@code reference_conflict} for the same reference with other content; 422
 * {@code unbalanced_entry} (with {@code totalDebit}, {@code totalCredit}, {@code difference}),
 * {@code unknown_account}, {@code debit_and_credit}, {@code zero_line}, {@code negative_amount},
 * {@code invalid_amount}, {@code too_few_lines}, {@code unknown_field}, {@code required},
 * {@code invalid_date}, {@code unsupported_currency} (USD only), or {@code validation_failed} for several.</li>
 * <li>{@code GET /api/v1/journal-entries?externalReference=&from=&to=&account=&status=&page=&pageSize=}
 * ({@code {"data":[..],"pagination":{page,pageSize,total,totalPages,hasMore}}}),
 * {@code GET /api/v1/journal-entries/{id}}.</li>
 * <li>{@code POST /api/v1/journal-entries/{id}/reverse} {@code {"date":..,"memo":..}}: 201 with the
 * mirror entry ({@code reverses}, reference {@code <ref>:reversal}); the original becomes
 * {@code reversed} with {@code reversedBy}; 409 {@code already_reversed} the second time.</li>
 * </ul>
 *
 * <p>More than {@code sandbox.accounting.rate-per-second} (20) calls in one second, or
 * {@code sandbox.accounting.rate-per-minute} (500, QuickBooks Online's limit per company) in one
 * minute, are answered 429 {@code rate_limited} with {@code Retry-After}. {@code GET|POST|DELETE /__sandbox/faults}
 * ({@code {"latencyMs":..,"errorRate":..,"rateLimitNext":..,"ratePerSecond":2,"ratePerMinute":60}}) switches faults and
 * the limits at run time; {@code GET /__sandbox} counts entries.
 *
 * <p>Closed periods: {@code PUT /__sandbox/books-closed {"date":"2026-10-31"}} closes the books
 * through that day ({@code DELETE} opens them), readable as {@code GET /api/v1/preferences}
 * ({@code booksClosedDate}). An entry or reversal dated on or before it is refused 422
 * {@code period_closed} (QuickBooks Online's error 6200) with {@code booksClosedDate} and
 * {@code firstOpenDate}; a repeat of an entry posted earlier still answers that entry.
 */
package org.memberbus.sandbox.accounting;
