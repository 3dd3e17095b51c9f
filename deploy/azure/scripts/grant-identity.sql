-- Makes the apps' user-assigned managed identity a user of the catalog database, with the rights products-service
-- needs (read and write the tables, draw ids from product_seq, read the schema it validates at start) and no more.
-- Run in the catalog database by an Entra admin of the server (scripts/postprovision.sh does), with the sqlcmd
-- variables IDENTITY_NAME and IDENTITY_CLIENT_ID. The user is created from the identity's client id, so the server
-- needs no directory (Microsoft Graph) permission to look it up. Running it again changes nothing.
IF DATABASE_PRINCIPAL_ID(N'$(IDENTITY_NAME)') IS NULL
BEGIN
    DECLARE @sid NVARCHAR(100) = CONVERT(NVARCHAR(100), CONVERT(VARBINARY(16), CAST(N'$(IDENTITY_CLIENT_ID)' AS UNIQUEIDENTIFIER)), 1);
    EXEC (N'CREATE USER [$(IDENTITY_NAME)] WITH SID = ' + @sid + N', TYPE = E;');
END
GO
GRANT SELECT, INSERT, UPDATE, DELETE, VIEW DEFINITION ON SCHEMA::dbo TO [$(IDENTITY_NAME)];
GO
