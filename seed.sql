-- Demo catalogue, people and contacts. Loaded once, into an empty database.
-- Dates are relative to the day the database is created, so the data never goes stale.

INSERT INTO properties (id, name, address, city, state, postal_code, neighborhood, beds, baths, rent, sqft, pets_allowed, pet_policy, available_from, description, amenities, timezone, active) VALUES
-- Austin, Texas (Central time)
(1,  'The Alder',              '1200 E 6th St',          'Austin', 'TX', '78702', 'East Austin',     1, 1,   1850,  720, 'cats_and_dogs', 'Cats and dogs welcome, two pets max, 60 lb limit; $35/month pet rent.', date('now', '-7 days'),  'Bright one-bedroom over a quiet courtyard, a short walk from East 6th cafes.', '["in-unit laundry","courtyard","bike storage","package lockers"]', 'America/Chicago', 1),
(2,  'Maple Court Lofts',      '410 W 2nd St',           'Austin', 'TX', '78701', 'Downtown',        2, 2,   2750, 1100, 'cats_and_dogs', 'Cats and dogs welcome, breed restrictions apply; $400 pet deposit.', date('now', '+14 days'), 'Loft-style two-bedroom with 14-foot ceilings near Lady Bird Lake.', '["rooftop pool","fitness center","garage parking","concierge"]', 'America/Chicago', 1),
(3,  'Bluebonnet Flats',       '2201 S Congress Ave',    'Austin', 'TX', '78704', 'South Congress',  0, 1,   1295,  480, 'cats',          'Cats only, one per home; $25/month pet rent.', date('now', '-3 days'),  'Efficient studio on South Congress with a Juliet balcony.', '["on-site laundry","bike storage"]', 'America/Chicago', 1),
(4,  'Mueller Commons',        '1900 Aldrich St',        'Austin', 'TX', '78723', 'Mueller',         3, 2,   3400, 1450, 'dogs',          'Dogs welcome up to 80 lb; no cats (allergy-friendly building).', date('now', '+30 days'), 'Three-bedroom townhome facing Mueller Lake Park.', '["attached garage","private patio","in-unit laundry","EV charging"]', 'America/Chicago', 1),
(5,  'Hyde Park Cottages',     '4301 Avenue D',          'Austin', 'TX', '78751', 'Hyde Park',       2, 1,   2200,  900, 'none',          'No pets, except assistance animals.', date('now', '+5 days'),  'Renovated 1940s cottage with hardwood floors and a shaded porch.', '["porch","yard","dishwasher"]', 'America/Chicago', 1),
(6,  'The Pecan',              '88 Rainey St',           'Austin', 'TX', '78701', 'Downtown',        1, 1,   2100,  760, 'cats_and_dogs', 'Cats and dogs welcome; dog run on level 3.', date('now', '+45 days'), 'High-rise one-bedroom with skyline views on Rainey Street.', '["pool","dog run","fitness center","co-working lounge"]', 'America/Chicago', 1),
(7,  'Live Oak Terrace',       '3100 Oak Springs Dr',    'Austin', 'TX', '78721', 'East Austin',     4, 3,   3950, 1900, 'cats_and_dogs', 'Up to three pets; fenced yard.', date('now', '+60 days'), 'Four-bedroom family home with a fenced yard and two-car garage.', '["fenced yard","two-car garage","in-unit laundry"]', 'America/Chicago', 1),
-- Denver, Colorado (Mountain time)
(8,  'Larimer Lofts',          '1520 Larimer St',        'Denver', 'CO', '80202', 'LoDo',            1, 1,   1950,  700, 'dogs',          'Dogs welcome up to 50 lb; $300 deposit.', date('now', '-14 days'), 'Exposed-brick loft in a converted warehouse on Larimer Square.', '["exposed brick","fitness center","bike storage"]', 'America/Denver', 1),
(9,  'Capitol View',           '1300 Pennsylvania St',   'Denver', 'CO', '80203', 'Capitol Hill',    0, 1,   1250,  450, 'none',          'No pets.', date('now', '-1 days'),  'Cozy studio with a view of the Capitol dome.', '["on-site laundry","rooftop deck"]', 'America/Denver', 1),
(10, 'Highland Row',           '3400 Tejon St',          'Denver', 'CO', '80211', 'Highlands',       2, 2,   2650, 1050, 'cats_and_dogs', 'Cats and dogs welcome, two max.', date('now', '+21 days'), 'Modern two-bedroom row home steps from Highland Square.', '["private garage","balcony","in-unit laundry"]', 'America/Denver', 1),
(11, 'The Baker Block',        '200 S Broadway',         'Denver', 'CO', '80209', 'Baker',           1, 1,   1700,  650, 'cats',          'Cats only; $20/month.', date('now', '+7 days'),  'Sunny one-bedroom above Broadway''s shops and music venues.', '["on-site laundry","storage lockers"]', 'America/Denver', 1),
(12, 'RiNo Works',             '2800 Walnut St',         'Denver', 'CO', '80205', 'RiNo',            2, 1,   2400,  980, 'cats_and_dogs', 'Pets welcome; pet wash station.', date('now', '+10 days'), 'Industrial two-bedroom in the River North Art District.', '["pet wash","rooftop","co-working lounge"]', 'America/Denver', 1),
(13, 'Clayton Townhomes',      '250 Clayton St',         'Denver', 'CO', '80206', 'Cherry Creek',    3, 2.5, 3800, 1600, 'dogs',          'Dogs welcome up to 2; no cats.', date('now', '+35 days'), 'Three-bedroom townhome near Cherry Creek shopping.', '["attached garage","rooftop terrace","gas fireplace"]', 'America/Denver', 1),
(14, 'Columbine House',        '1750 Gaylord St',        'Denver', 'CO', '80206', 'City Park',       4, 2,   3600, 1800, 'cats_and_dogs', 'Pets welcome; large yard.', date('now', '+50 days'), 'Classic four-bedroom foursquare by City Park.', '["yard","basement storage","washer and dryer"]', 'America/Denver', 1),
-- Portland, Oregon (Pacific time)
(15, 'The Fernwood',           '1010 NW Hoyt St',        'Portland', 'OR', '97209', 'Pearl District', 1, 1,  1900,  690, 'cats',          'Cats only, two max.', date('now', '-5 days'),  'One-bedroom in the Pearl with big windows and a reading nook.', '["fitness center","bike room","package lockers"]', 'America/Los_Angeles', 1),
(16, 'Alberta Commons',        '1620 NE Alberta St',     'Portland', 'OR', '97211', 'Alberta Arts',   2, 1,  2300,  950, 'cats_and_dogs', 'Cats and dogs welcome.', date('now', '+12 days'), 'Two-bedroom on Alberta Street''s gallery row.', '["courtyard","bike room","on-site laundry"]', 'America/Los_Angeles', 1),
(17, 'Hawthorne Bungalows',    '3520 SE Hawthorne Blvd', 'Portland', 'OR', '97214', 'Hawthorne',      0, 1,  1150,  420, 'cats',          'One cat welcome.', date('now', '-2 days'),  'Charming studio bungalow with a shared garden.', '["shared garden","on-site laundry"]', 'America/Los_Angeles', 1),
(18, 'Sellwood Landing',       '8000 SE 13th Ave',       'Portland', 'OR', '97202', 'Sellwood',       3, 2,  3100, 1400, 'dogs',          'Dogs welcome; near the dog park.', date('now', '+40 days'), 'Three-bedroom by the river and Sellwood''s antique shops.', '["garage","deck","in-unit laundry"]', 'America/Los_Angeles', 1),
(19, 'Douglas Fir Apartments', '500 SW Oak St',          'Portland', 'OR', '97204', 'Downtown',       1, 1,  1750,  640, 'none',          'No pets.', date('now', '+3 days'),  'Downtown one-bedroom on Oak Street near the MAX line.', '["concierge","fitness center","bike room"]', 'America/Los_Angeles', 1),
(20, 'Mount Tabor Flats',      '6000 SE Yamhill St',     'Portland', 'OR', '97215', 'Mount Tabor',    2, 2,  2450, 1000, 'cats_and_dogs', 'Cats and dogs welcome.', date('now', '+20 days'), 'Two-bedroom near Mount Tabor Park with a private balcony.', '["balcony","in-unit laundry","EV charging"]', 'America/Los_Angeles', 1),
-- Boston, Massachusetts (Eastern time)
(21, 'Beacon & Vine',          '220 Beacon St',          'Boston', 'MA', '02116', 'Back Bay',        1, 1,   3100,  680, 'cats',          'Cats only.', date('now', '+9 days'),  'Back Bay one-bedroom in a restored brownstone.', '["bay window","heat included","on-site laundry"]', 'America/New_York', 1),
(22, 'Tremont Park Residences','600 Tremont St',         'Boston', 'MA', '02118', 'South End',       2, 2,   4200, 1050, 'cats_and_dogs', 'Cats and dogs welcome, $50/month.', date('now', '+25 days'), 'Two-bedroom with a private deck in the South End.', '["private deck","in-unit laundry","dishwasher","garage parking"]', 'America/New_York', 1),
(23, 'Jamaica Pond House',     '40 Perkins St',          'Boston', 'MA', '02130', 'Jamaica Plain',   3, 1.5, 3900, 1350, 'dogs',          'Dogs welcome; no cats.', date('now', '+15 days'), 'Three-bedroom a block from Jamaica Pond.', '["yard","basement storage","washer and dryer"]', 'America/New_York', 1),
(24, 'The Harborview',         '1 Seaport Blvd',         'Boston', 'MA', '02210', 'Seaport',         0, 1,   2650,  500, 'none',          'No pets.', date('now', '-10 days'), 'Studio with harbour views in the Seaport.', '["concierge","fitness center","roof deck"]', 'America/New_York', 1),
(25, 'Elm Street Lofts',       '75 Elm St',              'Boston', 'MA', '02129', 'Charlestown',     2, 1,   3300,  900, 'cats_and_dogs', 'Cats and dogs welcome.', date('now', '+30 days'), 'Two-bedroom loft on a quiet Charlestown street.', '["exposed beams","in-unit laundry"]', 'America/New_York', 1),
(26, 'Fenway Studios',         '30 Jersey St',           'Boston', 'MA', '02215', 'Fenway',          0, 1,   2200,  410, 'cats',          'One cat welcome.', date('now', '+2 days'),  'Compact studio steps from the Fens.', '["heat included","bike room"]', 'America/New_York', 1),
(27, 'Savin Hill Triple',      '150 Savin Hill Ave',     'Boston', 'MA', '02125', 'Dorchester',      4, 2,   4100, 1700, 'cats_and_dogs', 'Pets welcome.', date('now', '+55 days'), 'Four-bedroom floor-through in a classic triple-decker.', '["porch","yard","washer and dryer"]', 'America/New_York', 1),
-- San José, California (Pacific time)
(28, 'Willow Glen Gardens',    '1200 Lincoln Ave',       'San José', 'CA', '95125', 'Willow Glen',   2, 2,   3200, 1000, 'cats_and_dogs', 'Cats and dogs welcome.', date('now', '+8 days'),  'Garden two-bedroom on Lincoln Avenue.', '["garden","pool","in-unit laundry"]', 'America/Los_Angeles', 1),
(29, 'Japantown Terrace',      '600 N 5th St',           'San José', 'CA', '95112', 'Japantown',     1, 1,   2600,  700, 'cats',          'Cats only.', date('now', '-4 days'),  'One-bedroom with a terrace in historic Japantown.', '["terrace","fitness center"]', 'America/Los_Angeles', 1),
(30, 'The Almaden',            '150 Almaden Blvd',       'San José', 'CA', '95113', 'Downtown',      0, 1,   2100,  460, 'none',          'No pets.', date('now', '+1 days'),  'Downtown studio close to light rail and the SAP Center.', '["concierge","pool","fitness center"]', 'America/Los_Angeles', 1),
(31, 'Rose Garden Residences', '1500 Naglee Ave',        'San José', 'CA', '95126', 'Rose Garden',   3, 2,   4300, 1500, 'dogs',          'Dogs welcome.', date('now', '+28 days'), 'Three-bedroom by the Municipal Rose Garden.', '["garage","yard","in-unit laundry"]', 'America/Los_Angeles', 1),
-- Off the market for now
(32, 'The Birchwood',          '701 W 5th St',           'Austin', 'TX', '78701', 'Downtown',        1, 1,   1600,  610, 'cats',          'Cats only.', date('now', '+90 days'), 'One-bedroom, currently under renovation.', '[]', 'America/Chicago', 0),
(33, 'Cherry Creek North',     '300 Fillmore St',        'Denver', 'CO', '80206', 'Cherry Creek',    2, 2,   2900, 1000, 'dogs',          'Dogs welcome.', date('now', '+90 days'), 'Two-bedroom, leased until further notice.', '[]', 'America/Denver', 0),
(34, 'Pearl Street Annex',     '1200 NW Glisan St',      'Portland', 'OR', '97209', 'Pearl District', 0, 1,  1300,  400, 'none',          'No pets.', date('now', '+90 days'), 'Studio, off the market.', '[]', 'America/Los_Angeles', 0),
(35, 'Back Bay Brownstone',    '12 Marlborough St',      'Boston', 'MA', '02116', 'Back Bay',        3, 2,   5200, 1500, 'none',          'No pets.', date('now', '+90 days'), 'Three-bedroom, owner occupied this year.', '[]', 'America/New_York', 0);

-- Tour hours (local to each property). Weekdays 10:00-18:00 and Saturdays 11:00-16:00 by default.
INSERT INTO availability (property_id, weekday, start_time, end_time, slot_minutes)
SELECT p.id, w.d, '10:00', '18:00', 30 FROM properties p, (SELECT 1 AS d UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5) w
WHERE p.id NOT IN (21, 22, 23, 24, 25, 26, 27);
INSERT INTO availability (property_id, weekday, start_time, end_time, slot_minutes)
SELECT id, 6, '11:00', '16:00', 30 FROM properties WHERE id NOT IN (21, 22, 23, 24, 25, 26, 27);
-- Boston office: 45-minute tours, 09:00-17:00 weekdays, Saturday mornings.
INSERT INTO availability (property_id, weekday, start_time, end_time, slot_minutes)
SELECT p.id, w.d, '09:00', '17:15', 45 FROM properties p, (SELECT 1 AS d UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5) w
WHERE p.id IN (21, 22, 23, 24, 25, 26, 27);
INSERT INTO availability (property_id, weekday, start_time, end_time, slot_minutes)
SELECT id, 6, '09:00', '12:00', 45 FROM properties WHERE id IN (21, 22, 23, 24, 25, 26, 27);
-- Portland also shows on Sunday afternoons.
INSERT INTO availability (property_id, weekday, start_time, end_time, slot_minutes)
SELECT id, 0, '12:00', '16:00', 30 FROM properties WHERE city = 'Portland';
-- Hyde Park Cottages: evenings only on Tuesdays and Thursdays (replaces the default weekday hours).
DELETE FROM availability WHERE property_id = 5 AND weekday IN (2, 4);
INSERT INTO availability (property_id, weekday, start_time, end_time, slot_minutes) VALUES
(5, 2, '16:00', '19:00', 60),
(5, 4, '16:00', '19:00', 60);

-- Dated exceptions: a closed day, a closed afternoon, and extra Sunday hours.
INSERT INTO availability_exceptions (property_id, date, kind, start_time, end_time, slot_minutes, note) VALUES
(7,  date('now', '+4 days'), 'closed', NULL, NULL, NULL, 'Floor refinishing'),
(2,  date('now', '+2 days'), 'closed', '12:00', '14:00', NULL, 'Staff training'),
(8,  date('now', '+1 days', 'weekday 0'), 'open', '12:00', '15:00', 30, 'Open house'),
(28, date('now', '+8 days', 'weekday 0'), 'open', '11:00', '14:00', 30, 'Weekend open house');

-- Tenants (with units) and prospects.
INSERT INTO users (name, email, phone, role, property_id, unit, lease_end, balance_due_cents) VALUES
('Maria Gonzalez',  'maria.gonzalez@example.com', '+15125550142', 'tenant', 1,  '204',  date('now', '+200 days'), 0),
('James Okafor',    'james.okafor@example.com',   '+15125550188', 'tenant', 2,  '1108', date('now', '+45 days'),  275000),
('Priya Raman',     'priya.raman@example.com',    '+13035550119', 'tenant', 8,  '3B',   date('now', '+300 days'), 0),
('Tom Becker',      'tom.becker@example.com',     '+13035550164', 'tenant', 12, '5',    date('now', '+120 days'), 12500),
('Aiko Tanaka',     'aiko.tanaka@example.com',    '+15035550177', 'tenant', 15, '610',  date('now', '+20 days'),  0),
('Daniel Murphy',   'dan.murphy@example.com',     '+16175550133', 'tenant', 21, '2',    date('now', '+365 days'), 310000),
('Sofia Alvarez',   'sofia.alvarez@example.com',  '+14085550150', 'tenant', 28, 'C12',  date('now', '+150 days'), 0),
('Alice Carter',    'alice@example.com',          '+15125550101', 'prospect', NULL, NULL, NULL, 0),
('Ben Walsh',       'ben.walsh@example.com',      '+13035550102', 'prospect', NULL, NULL, NULL, 0),
('Chloe Nguyen',    'chloe.nguyen@example.com',   NULL,           'prospect', NULL, NULL, NULL, 0);

-- Who hears about what. property_id NULL applies to every property.
INSERT INTO stakeholders (name, email, phone, role, intent, property_id) VALUES
('Keystone Lock & Key',   'dispatch@keystonelock.example',  '+15125550900', 'locksmith',   'locked_out',   NULL),
('Ray Delgado',           'maintenance@leasing.example',    '+15125550901', 'maintenance', 'maintenance',  NULL),
('Accounts Receivable',   'accounting@leasing.example',     '+15125550902', 'accounting',  'rent',         NULL),
('Leasing Office',        'leasing-office@leasing.example', '+15125550903', 'leasing',     'tour_request', NULL),
('Leasing Office',        'leasing-office@leasing.example', '+15125550903', 'leasing',     'general',      NULL),
('Beacon Hill Locksmiths','247@beaconhilllocks.example',    '+16175550910', 'locksmith',   'locked_out',   21),
('Mile High Maintenance', 'service@milehighmaint.example',  '+13035550911', 'maintenance', 'maintenance',  8),
('Mile High Maintenance', 'service@milehighmaint.example',  '+13035550911', 'maintenance', 'maintenance',  12);
