-- The language the guest wrote in: their confirmation, change and cancellation e-mails use it.
ALTER TABLE bookings ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'es'));
