-- Cluster membership (Microsoft.Orleans.Clustering.AdoNet 10.4.2). One version row per cluster
-- (DeploymentId = ClusterId) that every membership change increments, guarding concurrent writers;
-- one row per silo incarnation.
CREATE TABLE OrleansMembershipVersionTable
(
    DeploymentId VARCHAR(150) NOT NULL,
    Timestamp TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    Version INT NOT NULL DEFAULT 0,
    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
) ENGINE = InnoDB;

CREATE TABLE OrleansMembershipTable
(
    DeploymentId VARCHAR(150) NOT NULL,
    Address VARCHAR(45) NOT NULL,
    Port INT NOT NULL,
    Generation INT NOT NULL,
    SiloName VARCHAR(150) NOT NULL,
    HostName VARCHAR(150) NOT NULL,
    Status INT NOT NULL,
    ProxyPort INT NULL,
    SuspectTimes VARCHAR(8000) NULL,
    StartTime DATETIME NOT NULL,
    IAmAliveTime DATETIME NOT NULL,
    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId FOREIGN KEY (DeploymentId)
        REFERENCES OrleansMembershipVersionTable (DeploymentId)
) ENGINE = InnoDB;

-- Adds a silo row only if the caller saw the current version; bumps the version in the same transaction.
DELIMITER $$
CREATE PROCEDURE InsertMembershipKey(
    IN p_DeploymentId VARCHAR(150), IN p_Address VARCHAR(45), IN p_Port INT, IN p_Generation INT, IN p_Version INT,
    IN p_SiloName VARCHAR(150), IN p_HostName VARCHAR(150), IN p_Status INT, IN p_ProxyPort INT,
    IN p_StartTime DATETIME, IN p_IAmAliveTime DATETIME)
BEGIN
    DECLARE v_Rows INT;
    DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
    START TRANSACTION;

    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1
    WHERE DeploymentId = p_DeploymentId AND Version = p_Version AND Version < 2147483647;
    SET v_Rows = ROW_COUNT();

    IF v_Rows > 0 THEN
        INSERT INTO OrleansMembershipTable
            (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
        SELECT p_DeploymentId, p_Address, p_Port, p_Generation, p_SiloName, p_HostName, p_Status, p_ProxyPort, p_StartTime, p_IAmAliveTime
        FROM DUAL
        WHERE NOT EXISTS (
            SELECT 1 FROM OrleansMembershipTable
            WHERE DeploymentId = p_DeploymentId AND Address = p_Address AND Port = p_Port AND Generation = p_Generation);
        SET v_Rows = ROW_COUNT();
    END IF;

    IF v_Rows = 0 THEN ROLLBACK; ELSE COMMIT; END IF;
    SELECT v_Rows;
END$$
DELIMITER ;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', '
    INSERT INTO OrleansMembershipVersionTable (DeploymentId)
    SELECT @DeploymentId FROM DUAL
    WHERE @DeploymentId IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId);
    SELECT ROW_COUNT();
'),
('InsertMembershipKey', '
    CALL InsertMembershipKey(@DeploymentId, @Address, @Port, @Generation, @Version, @SiloName, @HostName, @Status, @ProxyPort, @StartTime, @IAmAliveTime);
'),
('UpdateMembershipKey', '
    UPDATE OrleansMembershipVersionTable v
    INNER JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
    SET v.Version = v.Version + 1,
        m.Status = @Status,
        m.SuspectTimes = @SuspectTimes,
        m.IAmAliveTime = GREATEST(m.IAmAliveTime, @IAmAliveTime)
    WHERE v.DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
      AND v.Version = @Version AND @Version IS NOT NULL AND v.Version < 2147483647
      AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation;
    SELECT ROW_COUNT() > 0;
'),
('UpdateIAmAlivetimeKey', '
    UPDATE OrleansMembershipTable
    SET IAmAliveTime = GREATEST(IAmAliveTime, @IAmAliveTime)
    WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
      AND Address = @Address AND Port = @Port AND Generation = @Generation;
'),
('GatewaysQueryKey', '
    SELECT Address, ProxyPort, Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
      AND Status = @Status AND @Status IS NOT NULL
      AND ProxyPort > 0;
'),
('MembershipReadRowKey', '
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT OUTER JOIN OrleansMembershipTable m
        ON v.DeploymentId = m.DeploymentId AND m.Address = @Address AND m.Port = @Port AND m.Generation = @Generation
    WHERE v.DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;
'),
('MembershipReadAllKey', '
    SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status, m.ProxyPort,
           m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
    LEFT OUTER JOIN OrleansMembershipTable m ON v.DeploymentId = m.DeploymentId
    WHERE v.DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;
'),
('DeleteMembershipTableEntriesKey', '
    DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL;
'),
-- Removes dead silos (Status 6) that stopped sending I-am-alive before the given time.
('CleanupDefunctSiloEntriesKey', '
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND @DeploymentId IS NOT NULL
      AND IAmAliveTime < @IAmAliveTime AND StartTime < @IAmAliveTime
      AND COALESCE(SuspectTimes, '''') = ''''
      AND Status = 6;
'),
-- Removes one dead silo row, only if it is still exactly as the caller read it.
('CleanupDefunctSiloEntryKey', '
    DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId AND Status = 6
      AND Address = @Address AND Port = @Port AND Generation = @Generation
      AND IAmAliveTime = @IAmAliveTime AND StartTime = @StartTime
      AND CAST(COALESCE(SuspectTimes, '''') AS BINARY) = CAST(COALESCE(@SuspectTimes, '''') AS BINARY);
');
