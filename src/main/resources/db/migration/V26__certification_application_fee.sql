-- Certification (issue 11): the application fee. An application (the community's webhook) and its
-- payment (the gateway's event, metadata purpose=certification_fee, certification_action=application)
-- arrive in either order; each writes its half of the application's row, and whichever completes it
-- sends the application to the CRM. A payment below the price for the applicant's membership status
-- is kept with the reason (accepted false) and lets nothing through.
CREATE TABLE certification_application_fee (
    application_id  VARCHAR(64)  PRIMARY KEY,     -- the community's application id
    crm_contact_id  VARCHAR(18),
    program         VARCHAR(120),
    documents       TEXT,                         -- one document name a line
    submitted_at    VARCHAR(40),
    submitted       BOOLEAN      NOT NULL DEFAULT false,
    payment_id      VARCHAR(64),                  -- the gateway's payment intent
    amount_paid     BIGINT,                       -- minor units
    currency        VARCHAR(3),
    price_basis     VARCHAR(16),                  -- member, non-member (the applicant's status when paid)
    amount_due      BIGINT,
    accepted        BOOLEAN,                      -- the payment covers the price
    reason          VARCHAR(300),                 -- why not
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The certificate (PDF) attached to the CRM's Certification__c: the ContentVersion made for the
-- award and the expiry it shows, so it is attached once per award and again only after a renewal.
ALTER TABLE certification_award ADD COLUMN crm_certificate_version VARCHAR(18);
ALTER TABLE certification_award ADD COLUMN crm_certificate_expiry DATE;

-- "Renewal enabled" on the member's community account while the certification is in its renewal
-- window: the expiry and CE gap last shown there (null: nothing shown), so it is set once per
-- change and cleared after a renewal or a lapse.
ALTER TABLE certification_award ADD COLUMN community_renewal_expiry DATE;
ALTER TABLE certification_award ADD COLUMN community_renewal_gap INTEGER;
