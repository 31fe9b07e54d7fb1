-- Events (issue 10): the CRM's events as last read (offers are priced from here, not the CRM),
-- registrations as the bus decided them (capacity and waitlist), check-ins counted once.
CREATE TABLE event_catalogue (
    crm_event_id text PRIMARY KEY,
    record       jsonb NOT NULL,
    updated_at   timestamptz NOT NULL DEFAULT now()
);

-- One row per paid registration, keyed by the gateway's payment id (a redelivered payment event
-- finds its row). status: Registered, Waitlisted, Offered, Reminded, Expired, Declined, Cancelled.
CREATE TABLE event_registration (
    registration_key  text PRIMARY KEY,
    crm_event_id      text NOT NULL,
    contact_id        text NOT NULL,
    payment_id        text,
    amount_cents      bigint NOT NULL DEFAULT 0,
    status            text NOT NULL,
    waitlist_position integer,
    offer_expires_at  timestamptz,
    reminded_at       timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_registration_event ON event_registration (crm_event_id, status);

-- A check-in counts once: per registration (a reused QR code is refused), and per kiosk client id
-- (an offline batch sent twice is counted once).
CREATE TABLE event_checkin (
    registration_key text PRIMARY KEY,
    client_id        text UNIQUE,
    crm_event_id     text NOT NULL,
    contact_id       text NOT NULL,
    source           text NOT NULL,
    checked_in_at    timestamptz NOT NULL,
    recorded_at      timestamptz NOT NULL DEFAULT now()
);

-- Each CEU decision when an event closes, awarded or not, with the rule and the figures that
-- decided it (one per registration: deciding again changes nothing).
CREATE TABLE event_ceu_decision (
    registration_key text PRIMARY KEY,
    crm_event_id     text NOT NULL,
    contact_id       text NOT NULL,
    awarded          boolean NOT NULL,
    credits          numeric(6, 2) NOT NULL,
    rule             text NOT NULL,
    figures          jsonb NOT NULL,
    reason           text NOT NULL,
    decided_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_ceu_decision_member ON event_ceu_decision (crm_event_id, contact_id);
