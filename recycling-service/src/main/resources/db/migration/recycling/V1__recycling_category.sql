-- The recycling categories a resident can hand over, each with what a recycler pays and what the
-- platform credits per kilogram.
--
-- credits_per_kg: 300 for every category. The Wuhan pilot counts 1 kg of recycled goods as 0.3 kg CO2e
-- reduced, and the platform awards 1 credit per gram of CO2e: 0.3 kg CO2e = 300 g = 300 credits per kg.
--
-- price_per_kg_cny: EXAMPLE DEFAULTS. Neither source document publishes buy-back prices; these are
-- plausible Chinese residential buy-back prices (CNY per kg) for a demo, and a property company replaces
-- them with the prices its licensed recyclers actually pay.
CREATE TABLE recycling_category (
    code             text          PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z_]{0,39}$'),
    name_en          text          NOT NULL,
    name_zh          text          NOT NULL,
    examples_en      text          NOT NULL,
    examples_zh      text          NOT NULL,
    price_per_kg_cny numeric(8, 2) NOT NULL CHECK (price_per_kg_cny >= 0),
    credits_per_kg   integer       NOT NULL DEFAULT 300 CHECK (credits_per_kg >= 0),
    sort_order       integer       NOT NULL UNIQUE
);

INSERT INTO recycling_category (code, name_en, name_zh, examples_en, examples_zh, price_per_kg_cny, sort_order) VALUES
    ('PAPER', 'Paper', '纸类',
        'newspapers, cardboard boxes, books, magazines', '报纸、纸箱、书本、杂志', 1.20, 1),
    ('PLASTIC', 'Plastic', '塑料',
        'drink bottles, buckets and basins, plastic toys', '饮料瓶、塑料盆桶、塑料玩具', 0.80, 2),
    ('METAL', 'Metal', '金属',
        'drink cans, pots and pans, scrap iron', '易拉罐、锅具、废铁', 2.00, 3),
    ('GLASS', 'Glass', '玻璃',
        'bottles, jars, window glass', '玻璃瓶、玻璃罐、平板玻璃', 0.20, 4),
    ('CLOTHING', 'Clothing and textiles', '旧衣物',
        'clothes, shoes, bags, bedding', '衣服、鞋子、箱包、床上用品', 0.40, 5),
    ('SMALL_APPLIANCES', 'Small appliances', '小家电',
        'kettles, hair dryers, rice cookers, mobile phones', '电水壶、吹风机、电饭煲、手机', 0.50, 6),
    ('LARGE_APPLIANCES', 'Large appliances', '大家电',
        'washing machines, refrigerators, air conditioners, televisions', '洗衣机、冰箱、空调、电视机', 0.30, 7),
    ('FURNITURE', 'Furniture', '家具',
        'tables and chairs, wardrobes, sofas, mattresses', '桌椅、衣柜、沙发、床垫', 0.10, 8);
