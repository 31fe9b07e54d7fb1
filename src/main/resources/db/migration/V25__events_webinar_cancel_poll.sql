-- Events (issue 10), webinars: a registration cancelled in the bus is cancelled at the webinar
-- platform once (Zoom's registrant status "cancel"); when it was, is kept with the registrant.
ALTER TABLE event_webinar_registrant ADD COLUMN cancelled_at timestamptz;

-- The report sweep, for a webinar.ended that never came. not_before: the webinar's scheduled end
-- plus a grace (from its webinar.created; null for a webinar the bus learnt of from the CRM only);
-- polled_at: when it was last asked about, at most once per memberbus.webinar.report-poll-every.
-- The row is the claim, so two bus instances do not ask twice.
CREATE TABLE event_webinar_poll (
    webinar_id text PRIMARY KEY,
    not_before timestamptz,
    polled_at  timestamptz,
    polls      integer NOT NULL DEFAULT 0
);
