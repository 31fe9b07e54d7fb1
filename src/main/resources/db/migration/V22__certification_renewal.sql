-- Certification (issue 11): recertification and certificates. One decision per renewal payment (the gateway's
-- payment intent id): the same payment read again finds it and extends nothing twice.
CREATE TABLE certification_renewal (
    payment_id         VARCHAR(64)  PRIMARY KEY,     -- the gateway's payment intent id
    certification_key  VARCHAR(200) NOT NULL,        -- <crm contact id>:<exam code>
    crm_contact_id     VARCHAR(64)  NOT NULL,        -- as the payment's metadata says
    exam_code          VARCHAR(64)  NOT NULL,
    extended           BOOLEAN      NOT NULL,
    expires_before     DATE,
    expires_after      DATE,                         -- the new expiry, when extended
    reason             VARCHAR(300),                 -- why not, when refused
    decided_at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX certification_renewal_key ON certification_renewal (certification_key);

-- The certificate (PDF) of a certification, made when it is awarded or renewed, served beside its
-- badge at /badges/{id}/certificate.pdf.
ALTER TABLE certification_award ADD COLUMN certificate BYTEA;
