-- Credits that move for shared tools and the second-hand exchange (docs/recycling.md#deposits-and-asking-credits).
-- The recycling service asks the credits service (topic recycling.credit-requests) and follows its answers
-- (credits.credit-request-outcomes); these columns are where each booking and listing stands with its credits.

-- A booking of a tool with a deposit waits for the deposit (AWAITING_DEPOSIT, on the calendar) and is BOOKED once it is
-- held, or DEPOSIT_REFUSED when the household cannot pay it; a tool lost or damaged while picked up is FORFEITED.
ALTER TABLE tool_booking DROP CONSTRAINT tool_booking_status_check;
ALTER TABLE tool_booking ADD CONSTRAINT tool_booking_status_check
    CHECK (status IN ('AWAITING_DEPOSIT', 'BOOKED', 'DEPOSIT_REFUSED', 'PICKED_UP', 'RETURNED', 'FORFEITED', 'CANCELLED'));
ALTER TABLE tool_booking
    -- NONE: no deposit asked (0 credits, or booked before deposits moved); REQUESTED: the hold asked; HELD; REFUSED;
    -- RELEASE_REQUESTED, RELEASED: given back (returned or cancelled); FORFEIT_REQUESTED, FORFEITED: kept for the community.
    ADD COLUMN deposit_state text NOT NULL DEFAULT 'NONE' CHECK (deposit_state IN ('NONE', 'REQUESTED', 'HELD', 'REFUSED',
        'RELEASE_REQUESTED', 'RELEASED', 'FORFEIT_REQUESTED', 'FORFEITED')),
    -- Why the deposit was refused, or why it is kept, for the resident to read.
    ADD COLUMN deposit_note  text CHECK (length(deposit_note) BETWEEN 1 AND 500),
    ADD COLUMN forfeited_at  timestamptz,
    ADD CONSTRAINT tool_booking_forfeited CHECK (status <> 'FORFEITED' OR (picked_up_at IS NOT NULL AND forfeited_at IS NOT NULL));
DROP INDEX tool_booking_calendar;
CREATE INDEX tool_booking_calendar ON tool_booking (tool_id, ends_at) WHERE status IN ('AWAITING_DEPOSIT', 'BOOKED', 'PICKED_UP');
-- The overdue check: tools picked up and not back.
CREATE INDEX tool_booking_out ON tool_booking (ends_at) WHERE status = 'PICKED_UP';

-- One overdue reminder per booking and local day.
CREATE TABLE tool_overdue_reminder (
    booking_id uuid        NOT NULL REFERENCES tool_booking (id),
    day        date        NOT NULL,
    sent_at    timestamptz NOT NULL,
    PRIMARY KEY (booking_id, day)
);

-- A listing asking credits is handed over once the credits moved: the owner's hand-over asks the transfer
-- (payment_state REQUESTED, attempt n), the listing is HANDED_OVER when it is applied, and stays RESERVED with the
-- reason when it is refused (REFUSED), until the owner hands over again (attempt n + 1) or closes it.
ALTER TABLE exchange_listing
    ADD COLUMN payment_state   text NOT NULL DEFAULT 'NONE' CHECK (payment_state IN ('NONE', 'REQUESTED', 'TRANSFERRED', 'REFUSED')),
    ADD COLUMN payment_attempt integer NOT NULL DEFAULT 0 CHECK (payment_attempt >= 0),
    ADD COLUMN payment_note    text CHECK (length(payment_note) BETWEEN 1 AND 500);
