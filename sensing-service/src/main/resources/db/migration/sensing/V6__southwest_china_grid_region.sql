-- The Southwest grid (Sichuan, Chongqing, Tibet) has its own MEE/NBS emission factor since the 2021 figures: a
-- community there may name it as its region.
ALTER TABLE community DROP CONSTRAINT community_region_check;
ALTER TABLE community ADD CONSTRAINT community_region_check CHECK (region IN ('national', 'north-china', 'northeast-china',
    'east-china', 'central-china', 'northwest-china', 'south-china', 'southwest-china'));
