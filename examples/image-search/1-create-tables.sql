-- The walkthrough's tables, statement for statement.
DROP TABLE IF EXISTS default.myscale_photos;
DROP TABLE IF EXISTS default.myscale_conversions;

CREATE TABLE default.myscale_photos
(
    id UInt64,
    photo_id String,
    photo_image_url String,
    photo_embed Array(Float32),
    CONSTRAINT vector_len CHECK length(photo_embed) = 512
)
ORDER BY id;

CREATE TABLE default.myscale_conversions
(
    id UInt64,
    photo_id String,
    keyword String
)
ORDER BY id;
