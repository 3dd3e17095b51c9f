-- Realtime Store catalog schema, version 1 (SQL Server 2019+ / Azure SQL Database).
-- products-service validates this schema at start (quarkus.hibernate-orm.schema-management.strategy=validate);
-- SchemaMatchesDdlTest keeps it equal to the entity mappings. Apply scripts in file-name order, once each.

-- Product ids come from a sequence in steps of 50 so that imports can batch their inserts.
CREATE SEQUENCE product_seq START WITH 1 INCREMENT BY 50;
GO

CREATE TABLE product (
    id          BIGINT            NOT NULL,
    sku         VARCHAR(32)       NOT NULL,
    name        NVARCHAR(120)     NOT NULL,
    description NVARCHAR(2000)    NULL,
    brand       NVARCHAR(80)      NOT NULL,
    category    NVARCHAR(80)      NOT NULL,
    price       NUMERIC(9,2)      NOT NULL,
    currency    VARCHAR(3)        NOT NULL,
    stock       INT               NOT NULL,
    image_url   VARCHAR(500)      NULL,
    tags        NVARCHAR(1000)    NULL,   -- JSON array of strings
    attributes  NVARCHAR(4000)    NULL,   -- JSON object of string values
    created_at  DATETIMEOFFSET(7) NOT NULL,
    updated_at  DATETIMEOFFSET(7) NOT NULL,
    version     BIGINT            NOT NULL,   -- optimistic locking
    CONSTRAINT pk_product PRIMARY KEY (id),
    CONSTRAINT uk_product_sku UNIQUE (sku),
    CONSTRAINT ck_product_price CHECK (price >= 0),
    CONSTRAINT ck_product_stock CHECK (stock >= 0)
);
GO

CREATE INDEX ix_product_category ON product (category);
CREATE INDEX ix_product_brand ON product (brand);
CREATE INDEX ix_product_price ON product (price);
CREATE INDEX ix_product_created_at ON product (created_at);
GO

-- The embedding of each product's text, reused across restarts while the model and the text are unchanged.
CREATE TABLE product_embedding (
    product_id   BIGINT         NOT NULL,
    model_id     VARCHAR(100)   NOT NULL,
    content_hash VARCHAR(64)    NOT NULL,
    dimensions   INT            NOT NULL,
    vector       VARBINARY(MAX) NOT NULL,   -- little-endian float32
    CONSTRAINT pk_product_embedding PRIMARY KEY (product_id),
    CONSTRAINT fk_product_embedding_product FOREIGN KEY (product_id) REFERENCES product (id) ON DELETE CASCADE
);
GO

-- One row per product write, in the write's transaction; every replica follows it to update its search index.
CREATE TABLE catalog_change (
    seq        BIGINT IDENTITY(1,1) NOT NULL,
    product_id BIGINT               NOT NULL,
    changed_at DATETIMEOFFSET(7)    NOT NULL,
    CONSTRAINT pk_catalog_change PRIMARY KEY (seq)
);
GO

CREATE INDEX ix_catalog_change_changed_at ON catalog_change (changed_at);
GO
