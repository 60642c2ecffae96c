-- Load the data, as the walkthrough's client.insert(...) calls do. Run from the directory that
-- `loupe sample unsplash --out DIR` wrote: FROM INFILE paths are relative to the working directory.
-- photo_embeddings.tsv has the columns of myscale_photos (id, photo_id, photo_image_url,
-- photo_embed); TSVWithNames matches them by the header row.
INSERT INTO default.myscale_photos FROM INFILE 'photo_embeddings.tsv' FORMAT TSVWithNames;

-- conversions.tsv is the Lite dataset's file; the walkthrough keeps its photo_id and keyword
-- columns. Its `id` (the row's position in a pandas frame) is read by no query and is not in the
-- file, so the rows take the column's default.
INSERT INTO default.myscale_conversions (photo_id, keyword) FROM INFILE 'conversions.tsv' FORMAT TSVWithNames;
