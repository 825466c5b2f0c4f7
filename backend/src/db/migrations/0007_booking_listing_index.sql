-- Bookings of a listing: the confirmed ones are found through bookings_one_confirmed_per_slot
-- (listing, start), the cancelled ones through the small index below. Every new booking then
-- writes one index on (listing, time) instead of two, each at a random place in its tree.
DROP INDEX bookings_property_time;
CREATE INDEX bookings_cancelled_by_property ON bookings (property_id, start_utc) WHERE status = 'cancelled';
