/**
 * The payment gateway simulator: a Stripe-compatible subset of Stripe's API, so that stripe-java,
 * camel-http or curl talk to it as they would to {@code https://api.stripe.com}. It follows the
 * {@code 2025-08-27.basil} API version (the one stripe-java 29.5 pins).
 *
 * <h2>Wire format</h2>
 * Requests to {@code /v1/*} carry {@code Authorization: Bearer sk_test_sandbox} (or HTTP basic with
 * the key as user name); without it 401 {@code invalid_request_error}. Bodies are
 * {@code application/x-www-form-urlencoded} with Stripe's brackets ({@code metadata[k]=v},
 * {@code items[0][price]=p}, {@code enabled_events[]=e}); unknown parameters are refused (400
 * {@code parameter_unknown}); {@code expand[]} turns an expandable id into its object on any answer
 * ({@code latest_charge}, {@code customer}, {@code payment_intent}, {@code payment_method},
 * {@code balance_transaction}, {@code charge}, ..., nested with dots up to four levels, {@code data.}
 * first on lists; another field is refused with 400, see {@code Expansion}). Answers are JSON objects
 * ({@code id}, {@code object}, {@code created} in unix seconds, {@code livemode:false},
 * {@code metadata}), lists are {@code {"object":"list","data":[..],"has_more":..,"url":..}} newest
 * first with {@code limit}, {@code starting_after}, {@code ending_before}, {@code created[gte|gt|lte|lt]};
 * searches are {@code {"object":"search_result",..,"next_page":..}}. Errors are
 * {@code {"error":{"type","code","message","param","decline_code",..}}}. Every answer has
 * {@code Request-Id} and {@code Stripe-Version}.
 *
 * <h2>Idempotency</h2>
 * A POST with {@code Idempotency-Key} seen in the last 24 hours gets the first answer again (same
 * status and body, {@code Idempotent-Replayed: true}); other parameters with the same key: 400
 * {@code idempotency_error}; while the first still runs: 409. Validation failures are not saved.
 *
 * <h2>Resources</h2>
 * customers (create, retrieve, update, delete, list {@code email}, search, payment_methods),
 * payment_methods (create from {@code card[number]} or {@code card[token]}, retrieve, attach, detach,
 * list), payment_intents (create with {@code confirm}, retrieve, update, confirm, cancel, list
 * {@code customer}, search), charges (retrieve, list, search), disputes (retrieve, list, update with
 * evidence, close), refunds (create with
 * {@code payment_intent} or {@code charge}, optional partial {@code amount}; retrieve, list),
 * balance_transactions (fee 2.9 % + 30 cents per charge), products, prices, subscriptions (create
 * with {@code items[0][price]} or {@code items[0][price_data]}, retrieve, update, cancel with
 * DELETE, list, search), invoices (retrieve, list, search, lines, pay), invoice_payments, events
 * (retrieve, list with {@code type} / {@code type=invoice.*} / {@code types[]}), webhook_endpoints
 * (create answers the {@code secret}; retrieve, update, delete, list).
 *
 * <h2>Test cards</h2>
 * Given as {@code payment_method=pm_card_<name>}, {@code card[token]=tok_<name>} or
 * {@code card[number]}: {@code visa} 4242424242424242, {@code visa_debit}, {@code mastercard},
 * {@code amex} succeed; {@code chargeDeclined} 4000000000000002 ({@code card_declined} /
 * {@code generic_decline}), {@code chargeDeclinedInsufficientFunds} 4000000000009995
 * ({@code insufficient_funds}), {@code chargeDeclinedLostCard}, {@code chargeDeclinedStolenCard},
 * {@code chargeDeclinedExpiredCard} ({@code expired_card}), {@code chargeDeclinedIncorrectCvc}
 * ({@code incorrect_cvc}), {@code chargeDeclinedProcessingError} ({@code processing_error}) are
 * declined: 402 {@code card_error}, the intent back to {@code requires_payment_method} with
 * {@code last_payment_error}, events {@code charge.failed} and {@code payment_intent.payment_failed}.
 * {@code authenticationRequired} 4000002760003184 and {@code authenticationRequiredOnSetup}
 * 4000002500003155 are the "retry" cards: on session the intent waits in {@code requires_action}
 * (3D Secure, {@code next_action.redirect_to_url}); confirming it again, or visiting that URL,
 * succeeds. Off session (renewals, {@code off_session=true}) they are declined with
 * {@code authentication_required}. Any other number is refused. {@code GET /__sandbox/test-cards}
 * lists them. {@code createDispute} 4000000000000259 and {@code createDisputeProductNotReceived}
 * 4000000000002685 succeed and are disputed at once ({@code charge.dispute.created},
 * {@code charge.dispute.funds_withdrawn}); test evidence {@code winning_evidence} /
 * {@code losing_evidence} or {@code POST /__sandbox/disputes/{id}/close} ({@code {"status":"won"|"lost"}})
 * closes it ({@code charge.dispute.closed}).
 *
 * <h2>ACH Direct Debit</h2>
 * {@code payment_methods} of type {@code us_bank_account} ({@code us_bank_account[routing_number]=110000000},
 * {@code [account_number]}, {@code billing_details[name]} required), on intents whose
 * {@code payment_method_types[]} include {@code us_bank_account}, confirmed with {@code mandate_data}:
 * the intent is {@code processing} ({@code payment_intent.processing}, a {@code pending} charge) until
 * {@code sandbox.gateway.ach-settlement-delay} later on the gateway's clock, then Stripe's test
 * account decides: {@code 000123456789} succeeds; {@code 000111111113} account_closed,
 * {@code 000111111116} no_account, {@code 000222222227} insufficient_funds, {@code 000333333335}
 * debit_not_authorized, {@code 000444444440} invalid_currency fail ({@code payment_intent.payment_failed}).
 * Any other account is refused; accounts count as verified (no micro-deposits).
 * {@code GET /__sandbox/test-bank-accounts} lists them.
 *
 * <h2>Webhooks</h2>
 * Every event goes to every enabled endpoint that wants its type ({@code *} = all), asynchronously,
 * as a POST of the event JSON with {@code Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret,
 * "t.payload")>}; all endpoints sign with {@code sandbox.gateway.webhook-secret}. A non-2xx answer or
 * an unreachable endpoint is retried after 1 s, 2 s, 4 s, ... up to the configured attempts.
 *
 * <h2>Sandbox controls (no key)</h2>
 * {@code GET|POST|DELETE /__sandbox/faults} ({@code {"latencyMs":200,"errorRate":0.5,"rateLimitNext":3}}:
 * errors are 500 {@code api_error}, rate limits 429 {@code rate_limit} with {@code Retry-After: 1});
 * {@code POST /__sandbox/advance} ({@code {"days":n,"hours":n,"seconds":n}}) moves the gateway's
 * clock and renews, retries and ends subscriptions that fell due; {@code GET /__sandbox/clock};
 * {@code GET /__sandbox/deliveries[?event=&endpoint=]}; {@code GET|POST /__sandbox/authenticate/{pi}};
 * {@code GET /__sandbox/test-cards}; {@code POST /__sandbox/disputes/{id}/close};
 * {@code POST /__sandbox/ach/{pi}/settle} (the bank answers a processing ACH debit now);
 * {@code GET /__sandbox/test-bank-accounts}; {@code GET /__sandbox} (counts).
 *
 * <h2>Settings (defaults)</h2>
 * {@code sandbox.gateway.api-key} (sk_test_sandbox), {@code sandbox.gateway.webhook-secret}
 * (whsec_gateway_sandbox), {@code sandbox.gateway.api-version} (2025-08-27.basil),
 * {@code sandbox.gateway.webhook-max-attempts} (8), {@code sandbox.gateway.webhook-retry-initial}
 * (1s), {@code sandbox.gateway.webhook-timeout} (10s), {@code sandbox.gateway.seed} (true),
 * {@code sandbox.gateway.ach-settlement-delay} (4d, as Stripe's up to 4 business days).
 */
package org.memberbus.sandbox.gateway;
