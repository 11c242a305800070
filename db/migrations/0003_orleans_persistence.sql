-- Grain state (Microsoft.Orleans.Persistence.AdoNet 10.4.2, which writes binary payloads only). Rows are found by the hashes of grain
-- id and type and told apart by the id parts and type name; Version is the ETag. PayloadBinary is a
-- MEDIUMBLOB (16 MiB), not the 64 KiB BLOB, so a grain's state is not silently limited.
CREATE TABLE OrleansStorage
(
    GrainIdHash INT NOT NULL,
    GrainIdN0 BIGINT NOT NULL,
    GrainIdN1 BIGINT NOT NULL,
    GrainTypeHash INT NOT NULL,
    GrainTypeString VARCHAR(512) NOT NULL,
    GrainIdExtensionString VARCHAR(512) NULL,
    ServiceId VARCHAR(150) NOT NULL,
    PayloadBinary MEDIUMBLOB NULL,
    PayloadXml LONGTEXT NULL,
    PayloadJson LONGTEXT NULL,
    ModifiedOn DATETIME NOT NULL,
    Version INT NULL,
    INDEX IX_OrleansStorage (GrainIdHash, GrainTypeHash)
) ENGINE = InnoDB;

DELIMITER $$
-- Writes when the caller's version is current (or inserts the first version); returns the new
-- version, or the old one when the write lost, which Orleans raises as InconsistentStateException.
CREATE PROCEDURE WriteToStorage(
    IN p_GrainIdHash INT, IN p_GrainIdN0 BIGINT, IN p_GrainIdN1 BIGINT, IN p_GrainTypeHash INT,
    IN p_GrainTypeString VARCHAR(512), IN p_GrainIdExtensionString VARCHAR(512), IN p_ServiceId VARCHAR(150),
    IN p_GrainStateVersion INT, IN p_PayloadBinary MEDIUMBLOB)
BEGIN
    DECLARE v_NewVersion INT DEFAULT p_GrainStateVersion;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
    SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
    START TRANSACTION;

    IF p_GrainStateVersion IS NOT NULL THEN
        UPDATE OrleansStorage
        SET PayloadBinary = p_PayloadBinary, PayloadJson = NULL, PayloadXml = NULL,
            ModifiedOn = UTC_TIMESTAMP(), Version = Version + 1
        WHERE GrainIdHash = p_GrainIdHash AND GrainTypeHash = p_GrainTypeHash
          AND GrainIdN0 = p_GrainIdN0 AND GrainIdN1 = p_GrainIdN1 AND GrainTypeString = p_GrainTypeString
          AND GrainIdExtensionString <=> p_GrainIdExtensionString
          AND ServiceId = p_ServiceId
          AND Version = p_GrainStateVersion
        LIMIT 1;
        IF ROW_COUNT() > 0 THEN SET v_NewVersion = p_GrainStateVersion + 1; END IF;
    ELSE
        INSERT INTO OrleansStorage
            (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId,
             PayloadBinary, PayloadJson, PayloadXml, ModifiedOn, Version)
        SELECT p_GrainIdHash, p_GrainIdN0, p_GrainIdN1, p_GrainTypeHash, p_GrainTypeString, p_GrainIdExtensionString, p_ServiceId,
               p_PayloadBinary, NULL, NULL, UTC_TIMESTAMP(), 1
        FROM DUAL
        WHERE NOT EXISTS (
            SELECT 1 FROM OrleansStorage
            WHERE GrainIdHash = p_GrainIdHash AND GrainTypeHash = p_GrainTypeHash
              AND GrainIdN0 = p_GrainIdN0 AND GrainIdN1 = p_GrainIdN1 AND GrainTypeString = p_GrainTypeString
              AND GrainIdExtensionString <=> p_GrainIdExtensionString
              AND ServiceId = p_ServiceId);
        IF ROW_COUNT() > 0 THEN SET v_NewVersion = 1; END IF;
    END IF;

    SELECT v_NewVersion AS NewGrainStateVersion;
    COMMIT;
END$$

CREATE PROCEDURE ClearStorage(
    IN p_GrainIdHash INT, IN p_GrainIdN0 BIGINT, IN p_GrainIdN1 BIGINT, IN p_GrainTypeHash INT,
    IN p_GrainTypeString VARCHAR(512), IN p_GrainIdExtensionString VARCHAR(512), IN p_ServiceId VARCHAR(150),
    IN p_GrainStateVersion INT)
BEGIN
    DECLARE v_NewVersion INT DEFAULT p_GrainStateVersion;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
    SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
    START TRANSACTION;
    UPDATE OrleansStorage
    SET PayloadBinary = NULL, PayloadJson = NULL, PayloadXml = NULL, Version = Version + 1
    WHERE GrainIdHash = p_GrainIdHash AND GrainTypeHash = p_GrainTypeHash
      AND GrainIdN0 = p_GrainIdN0 AND GrainIdN1 = p_GrainIdN1 AND GrainTypeString = p_GrainTypeString
      AND GrainIdExtensionString <=> p_GrainIdExtensionString
      AND ServiceId = p_ServiceId
      AND Version = p_GrainStateVersion
    LIMIT 1;
    IF ROW_COUNT() > 0 THEN SET v_NewVersion = p_GrainStateVersion + 1; END IF;
    SELECT v_NewVersion AS NewGrainStateVersion;
    COMMIT;
END$$
DELIMITER ;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey', '
    SELECT PayloadBinary, PayloadXml, PayloadJson, UTC_TIMESTAMP(), Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash AND GrainTypeHash = @GrainTypeHash
      AND GrainIdN0 = @GrainIdN0 AND GrainIdN1 = @GrainIdN1 AND GrainTypeString = @GrainTypeString
      AND GrainIdExtensionString <=> @GrainIdExtensionString
      AND ServiceId = @ServiceId
    LIMIT 1;
'),
('WriteToStorageKey', '
    CALL WriteToStorage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary);
'),
('ClearStorageKey', '
    CALL ClearStorage(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion);
');
