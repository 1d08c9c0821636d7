-- OrleansCompute schema for PostgreSQL, part 7: the data of uploaded images (Compute:Images:Store=database), in
-- chunks of at most 1 MiB so that an upload and a download stream instead of holding a whole image. The image
-- records themselves are grain state. Our own table, not used by Orleans. Idempotent.
CREATE TABLE IF NOT EXISTS compute_image_data
(
    image_id text    COLLATE "C" NOT NULL,
    chunk_no integer NOT NULL,
    data     bytea   NOT NULL,
    PRIMARY KEY (image_id, chunk_no)
);
