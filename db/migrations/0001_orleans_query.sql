-- The named queries Orleans' ADO.NET providers execute. Each provider looks its queries up here by
-- key, binds parameters by name and reads result columns by name: the contract is the keys, the
-- parameter names and the column names, not the SQL text.
CREATE TABLE OrleansQuery
(
    QueryKey VARCHAR(64) NOT NULL,
    QueryText VARCHAR(8000) NOT NULL,
    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
) ENGINE = InnoDB;
