-- Finance (issue 9): receipts. One row per CRM payment (Payment__c, by its Gateway_Payment_Id__c)
-- a receipt is owed for: asked for when the gateway reports the money (or staff record a check),
-- sent once the CRM holds the payment as Succeeded (looked for in the CRM with back-off: 2 s, 4 s, ...
-- at most an hour apart, so a payment the CRM never holds costs few calls). The row is the receipt's idempotency key: the
-- e-mail goes as the marketing automation's payment-receipt campaign with request id
-- receipt:<payment_key>, which the marketing sink sends once; the PDF is kept here and served at
-- /receipts/<token> (the link in the e-mail; the token is the secret).
create table payment_receipt (
    payment_key    text primary key,
    token          text not null unique,
    email          text,
    requested_at   timestamptz not null default now(),
    crm_payment_id text,
    receipt_number text,
    pdf            bytea,
    sent_at        timestamptz,
    gave_up_at     timestamptz,
    looks          int not null default 0,          -- times the CRM was asked; the next look backs off
    next_look_at   timestamptz not null default now()
);
create index payment_receipt_waiting on payment_receipt (next_look_at) where sent_at is null and gave_up_at is null;

-- ACH (issue 9): a join granted on an ACH debit still processing at the bank records its CRM payment
-- as Pending; the debit's settlement (payment_intent.succeeded) clears the flag, and the CRM's
-- Payment__c becomes Succeeded (routes/finance-ach.camel.yaml).
alter table join_request add column payment_pending boolean not null default false;

-- Check and purchase-order invoices (issue 9): the bus's record of each invoice it put in the CRM
-- (Invoice__c, upserted by Number__c), asked for once per request id; paid once (paid_by: the
-- payment's key, a recorded check check_<number>_<check> or the gateway's payment intent). What
-- it pays for follows the payment (a renewal is applied then), never the invoice.
create sequence finance_invoice_seq;
create table finance_invoice (
    number          text primary key,
    request_id      text not null unique,
    contact_id      text not null,
    purpose         text not null,
    level           text,
    campaign_id     text,
    amount          bigint not null,
    currency        text not null,
    method          text not null,           -- check, purchase_order
    po_number       text,
    net_terms_days  int,
    due_date        date not null,
    term_start      date,
    term_end        date,
    created_at      timestamptz not null default now(),
    paid_by         text,
    paid_method     text,                    -- Check, Card, ACH
    check_number    text,
    paid_at         timestamptz,
    settled_at      timestamptz              -- the CRM, ledger and receipt done
);

-- Held payments (issue 9): staff resolve each one, once: released (applied as it is: a renewal
-- renews) or refunded in full at the gateway (by the refund key, which the gateway honours).
alter table held_payment add column resolution text, add column resolved_at timestamptz,
    add column resolved_by text, add column refund_key text;
