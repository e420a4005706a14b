-- Who is expected at a meeting and who came: one row per person and meeting.
-- The invitation side (issue 4) writes the RSVP columns from the calendar replies; the protocol side
-- (issue 5) writes presence, which the secretariat records after the meeting and which overrides
-- the RSVP in the protocol ("present = accepted, unless the secretariat records otherwise").

CREATE TABLE attendee (
    meeting_id      BIGINT       NOT NULL REFERENCES meeting (id),
    email           VARCHAR(320) NOT NULL,   -- lower case
    name            VARCHAR(300) NOT NULL,
    agency_id       VARCHAR(64)  REFERENCES agency (id),  -- null for a guest from outside the registry
    organisation    VARCHAR(300),            -- a guest's organisation as written ("Uppsala universitet")
    role            VARCHAR(32)  NOT NULL,   -- iCalendar ROLE: REQ-PARTICIPANT, OPT-PARTICIPANT, CHAIR, NON-PARTICIPANT
    invited         BOOLEAN      NOT NULL,   -- currently on the invitation (false once removed, or never invited)
    partstat        VARCHAR(16)  NOT NULL,   -- NEEDS-ACTION, ACCEPTED, DECLINED, TENTATIVE, DELEGATED
    comment         VARCHAR(2000),
    delegated_to    VARCHAR(320),
    delegated_from  VARCHAR(320),
    responded_at    TIMESTAMP WITH TIME ZONE,
    reply_sequence  INTEGER,                 -- SEQUENCE of the reply recorded last
    reply_dtstamp   TIMESTAMP WITH TIME ZONE,-- DTSTAMP of the reply recorded last
    presence        VARCHAR(16),             -- null (follow the RSVP), PRESENT, PARTLY_PRESENT, ABSENT
    presence_note   VARCHAR(500),            -- "under punkt tre"
    PRIMARY KEY (meeting_id, email)
);

-- The calendar event of a meeting's invitations (issue 4): one UID for the meeting's whole life,
-- its SEQUENCE raised on every change of time or place, and the DTSTAMP of the version sent last.
CREATE TABLE invitation (
    meeting_id  BIGINT        NOT NULL PRIMARY KEY REFERENCES meeting (id),
    uid         VARCHAR(300)  NOT NULL,
    sequence    INTEGER       NOT NULL,
    dtstamp     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_invitation_uid UNIQUE (uid)
);
