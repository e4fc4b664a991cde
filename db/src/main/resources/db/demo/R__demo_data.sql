-- Demo sellers and advertisements for local runs and manual testing; production leaves
-- classpath:db/demo out of spring.flyway.locations. Re-runnable: fixed ids, upserts.
-- Categories: 1 electronics, 2 clothing, 3 home, 4 auto, 5 real estate, 6 services, 7 hobby, 8 pets.

insert into sellers (id, name, is_verified) values
    (1, 'Anna Petrova', true),
    (2, 'Electro Market LLC', true),
    (3, 'Ivan', false),
    (4, 'best_deals_2024', false),
    (5, 'Home & Garden Store', true),
    (6, 'Sergey K.', false),
    (7, 'AutoLine', true),
    (8, 'quick_cash', false)
on conflict (id) do update set name = excluded.name, is_verified = excluded.is_verified;

insert into advertisements (id, seller_id, title, description, category, price, images_qty) values
    (1, 1, 'iPhone 13, 128 GB, blue', 'Phone in excellent condition, always used with a case and a screen protector. Battery health 89%. Box, cable and receipt included. Can show it working before you buy.', 1, 42000, 6),
    (2, 2, 'Samsung 55" 4K television', 'New sealed Samsung UE55 television, official warranty for 12 months, delivery across the city the next day. Invoice for companies available.', 1, 38990, 8),
    (3, 1, 'Winter down jacket, size M', 'Warm down jacket worn for one season, no stains or damage, dry cleaned. Colour dark green, hood with removable fur.', 2, 5500, 4),
    (4, 5, 'Oak dining table', 'Solid oak dining table 160x90 cm, seats six. Light scratches on one leg, see photos. Pickup only, help with loading.', 3, 18000, 5),
    (5, 7, 'Toyota Camry 2018', 'Single owner, full service history at the dealer, 74,000 km, two sets of tyres. Any inspection at your expense.', 4, 2150000, 10),
    (6, 5, 'Garden hose, 25 m', 'Reinforced garden hose with a spray gun, used one summer. Stored indoors in winter.', 3, 900, 2),
    (7, 1, 'Children''s bicycle 16"', 'Bicycle for ages 4-6 with training wheels, bell and basket. Pickup near the central park.', 7, 3500, 3),
    (8, 2, 'Apple AirPods Pro 2', 'Original AirPods Pro 2 with MagSafe case, checked serial number, warranty until next spring.', 1, 17500, 5),
    (9, 7, 'Set of winter tyres R16', 'Four studded tyres 205/55 R16, tread 7 mm, one season on a sedan. Balanced, ready to mount.', 4, 16000, 4),
    (10, 5, 'Sofa bed, grey', 'Three-seat sofa bed, fabric upholstery, mechanism works smoothly, from a non-smoking home.', 3, 12000, 6),
    (11, 1, 'Kitten looking for a home', 'Friendly kitten, 3 months old, litter trained, vaccinated, with a vet passport. For caring owners only.', 8, 500, 3),
    (12, 2, 'Laptop Lenovo ThinkPad T14', 'Business laptop, Ryzen 5, 16 GB RAM, 512 GB SSD, battery holds 6 hours. Windows 11 Pro licence.', 1, 54000, 7),
    (13, 5, 'Apartment cleaning service', 'Professional cleaning of apartments and houses, our own detergents and equipment, contract and receipt.', 6, 3000, 3),
    (14, 7, 'Roof rack for crossover', 'Thule roof rack with locks and keys, fits most crossovers with rails. All mounting parts present.', 4, 9500, 4),
    (15, 1, 'Acoustic guitar Yamaha F310', 'Beginner guitar in good condition with a soft case, new strings, tuner as a gift.', 7, 7000, 4),
    (16, 3, 'iPhone 15 Pro Max new', 'Brand new, call me 8-916-123-45-67 or write in telegram @fast_phone, prepayment 100% to card only.', 1, 9000, 0),
    (17, 4, 'CHEAP CHEAP CHEAP!!! BRANDED SNEAKERS', 'CHEAP!!! ORIGINAL!!! WRITE TO WHATSAPP +7 999 000 11 22!!! SEND MONEY FIRST, I SHIP TOMORROW!!!', 2, 300, 0),
    (18, 6, 'Apartment for rent, city centre', 'Rent without agents, transfer a deposit to my card before viewing, details on site www.rent-best-flat.example', 5, 5000, 0),
    (19, 8, 'Quick loan without documents', 'Money today, no checks, write to t.me/quick_cash_bot, pay the fee first.', 6, 100, 0),
    (20, 4, 'Toyota Camry 2020', 'Urgent sale, leaving the country, price is final, only prepayment via transfer, call +79991234567.', 4, 150000, 0),
    (21, 3, 'Samsung Galaxy S24 Ultra', 'Sealed, cheaper than in stores. Payment to card in advance, delivery by courier. Viber 89161234567.', 1, 12000, 0),
    (22, 6, 'Puppy', 'puppy', 8, 100, 0),
    (23, 8, 'Gold jewellery wholesale', 'Wholesale gold, no certificates, write on email cheap.gold@example.com, prepayment.', 7, 1000, 0),
    (24, 4, 'PlayStation 5 with two gamepads', 'Send a deposit first to reserve, otherwise I sell to someone else. Contacts in profile.', 1, 4000, 0),
    (25, 3, 'Used winter boots', 'Boots size 42, worn two seasons.', 2, 800, 1),
    (26, 6, 'Old sofa for free pickup', 'Old but solid sofa, must be picked up this weekend from the fourth floor without a lift.', 3, 0, 2),
    (27, 3, 'Bicycle Stels Navigator', 'Mountain bike, 21 speeds, needs new brake pads. Pickup near the metro.', 7, 6500, 3),
    (28, 6, 'Tutoring in mathematics', 'Experienced teacher prepares students for school exams, online or at home, first lesson free.', 6, 1500, 1),
    (29, 1, 'Parrot cage', 'Large cage for a parrot with perches, feeders and a bathing house, clean and disinfected.', 8, 2500, 3),
    (30, 2, 'Power bank 20000 mAh', 'New power bank with fast charging, two USB ports and USB-C, one year warranty.', 1, 1900, 4)
on conflict (id) do update set seller_id = excluded.seller_id, title = excluded.title,
    description = excluded.description, category = excluded.category, price = excluded.price,
    images_qty = excluded.images_qty;

-- Keep identity sequences past the fixed ids so new rows do not collide with the demo ones.
select setval(pg_get_serial_sequence('sellers', 'id'), greatest((select max(id) from sellers), 1));
select setval(pg_get_serial_sequence('advertisements', 'id'), greatest((select max(id) from advertisements), 1));
