-- Count the rows, add the cosine vector index and check its status.
SELECT count(*) FROM default.myscale_photos;
SELECT count(*) FROM default.myscale_conversions;

ALTER TABLE default.myscale_photos
ADD VECTOR INDEX photo_embed_index photo_embed
TYPE MSTG
('metric_type=Cosine');

-- The build runs in the background: the ALTER returns at once and the status says how far it is.
SELECT name, status, progress FROM system.vector_indices WHERE name='photo_embed_index';

-- The walkthrough polls the status until it reads Built; a script waits for the build instead.
SYSTEM WAIT BUILDING VECTOR INDICES;
SELECT name, status, progress, total_vectors, build_seconds FROM system.vector_indices WHERE name='photo_embed_index';

-- The target image (the walkthrough picks one at random with ORDER BY rand(); the demo fixes it
-- so that its output can be compared run to run).
SELECT photo_id, photo_image_url FROM default.myscale_photos WHERE id = 7;

-- Top 10 images most similar to the target.
WITH (SELECT photo_embed FROM default.myscale_photos WHERE id = 7) AS target_image_embed
SELECT photo_id, photo_image_url, distance(photo_embed, target_image_embed) as dist
FROM default.myscale_photos
WHERE id != 7
ORDER BY dist
LIMIT 10;

-- Total downloads for each candidate.
WITH (SELECT photo_embed FROM default.myscale_photos WHERE id = 7) AS target_image_embed
SELECT photo_id, count(*) as count
FROM default.myscale_conversions
JOIN (
    SELECT photo_id, distance(photo_embed, target_image_embed) as dist
    FROM default.myscale_photos
    ORDER BY dist ASC
    LIMIT 10
    ) AS target_photos
ON default.myscale_conversions.photo_id = target_photos.photo_id
GROUP BY photo_id
ORDER BY count DESC;

-- Related keywords and download counts for the most popular candidate.
SELECT keyword, count(*) as count
FROM default.myscale_conversions
WHERE photo_id = (
    SELECT photo_id FROM default.myscale_conversions
    WHERE photo_id IN (
        SELECT photo_id FROM default.myscale_photos
        ORDER BY distance(photo_embed, (SELECT photo_embed FROM default.myscale_photos WHERE id = 7)) ASC
        LIMIT 10)
    GROUP BY photo_id ORDER BY count(*) DESC LIMIT 1)
GROUP BY keyword
ORDER BY count DESC
LIMIT 5;
