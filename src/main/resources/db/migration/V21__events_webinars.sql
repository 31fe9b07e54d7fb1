-- Events (issue 10, session 5): webinars on the webinar platform (Zoom's API), and sessions (end). A CRM event with a
-- Webinar_Id__c is held there: its registered people are pushed as registrants (the platform
-- answers the same registrant for the same email; the bus keeps the id it got), and after the
-- webinar ends its participants report (join/leave times) is pulled, page by page, into minutes
-- per registration, which decide the CEUs by config/ceu-rules.yaml.
CREATE TABLE event_webinar (
    webinar_id         text PRIMARY KEY,
    crm_event_id       text NOT NULL,
    started_at         timestamptz,
    ended_at           timestamptz,
    report_pages       integer NOT NULL DEFAULT 0,
    report_complete_at timestamptz,
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_webinar_event ON event_webinar (crm_event_id);

-- The registrant the platform holds for a registration (pushed once; a repeat finds this row).
CREATE TABLE event_webinar_registrant (
    registration_key text PRIMARY KEY,
    webinar_id       text NOT NULL,
    registrant_id    text NOT NULL,
    registered_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_webinar_registrant_id ON event_webinar_registrant (webinar_id, registrant_id);

-- One row of the participants report: one join..leave of one participant (a person who drops and
-- rejoins has several). The same row from a report pulled again is kept once.
CREATE TABLE event_webinar_session (
    webinar_id    text NOT NULL,
    participant   text NOT NULL,
    registrant_id text,
    join_time     timestamptz NOT NULL,
    leave_time    timestamptz NOT NULL,
    PRIMARY KEY (webinar_id, participant, join_time)
);

-- Minutes attended per registration, once the report is complete (union of its sessions).
CREATE TABLE event_webinar_attendance (
    registration_key text PRIMARY KEY,
    webinar_id       text NOT NULL,
    crm_event_id     text NOT NULL,
    contact_id       text NOT NULL,
    minutes          integer NOT NULL,
    webinar_minutes  integer NOT NULL,
    first_join       timestamptz NOT NULL,
    recorded_at      timestamptz NOT NULL DEFAULT now()
);

-- An event's sessions as the CRM holds them (Event_Session__c), read with the event: a kiosk at a
-- session's door checks people in to it; the CEU rule may require sessions and count their credits.
CREATE TABLE event_session (
    crm_session_id text PRIMARY KEY,
    crm_event_id   text NOT NULL,
    code           text NOT NULL,
    name           text,
    ceu_credits    numeric(6, 2) NOT NULL DEFAULT 0,
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_session_event ON event_session (crm_event_id);

-- A check-in at a session counts once per registration and session; a kiosk's client id once.
CREATE TABLE event_session_checkin (
    registration_key text NOT NULL,
    session_code     text NOT NULL,
    client_id        text UNIQUE,
    crm_event_id     text NOT NULL,
    checked_in_at    timestamptz NOT NULL,
    recorded_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (registration_key, session_code)
);

-- The post-event survey a registered person answered on the community (the latest answers kept).
CREATE TABLE event_survey (
    registration_key text PRIMARY KEY,
    crm_event_id     text NOT NULL,
    contact_id       text NOT NULL,
    survey_id        text NOT NULL,
    answers          jsonb NOT NULL,
    submitted_at     timestamptz NOT NULL,
    recorded_at      timestamptz NOT NULL DEFAULT now()
);

-- An event's ticket types beside its standard ticket (Event_Ticket_Type__c), read with the event;
-- the offer API prices them from memory (loaded from here at start). Prices in cents.
CREATE TABLE event_ticket_type (
    crm_ticket_type_id     text PRIMARY KEY,
    crm_event_id           text NOT NULL,
    code                   text NOT NULL,
    name                   text,
    member_cents           bigint NOT NULL,
    non_member_cents       bigint NOT NULL,
    early_member_cents     bigint,
    early_non_member_cents bigint,
    early_until            date,
    updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_ticket_type_event ON event_ticket_type (crm_event_id);
