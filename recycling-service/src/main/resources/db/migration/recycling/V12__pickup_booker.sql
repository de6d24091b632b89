-- Who booked a pickup (docs/recycling.md#weighing-and-settlement): the account subject (the token's sub) of the resident
-- who booked it for their household, so the settlement (PickupSettled.bookedBy) can name the person whose recycled goods
-- they were and accounting can credit the reduction to that member's pseudonym. NULL for bookings made before this
-- column, and for an account whose subject is not a platform identifier (it could not travel in the event).
ALTER TABLE pickup_booking ADD COLUMN booked_by text
    CHECK (booked_by ~ '^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$');
