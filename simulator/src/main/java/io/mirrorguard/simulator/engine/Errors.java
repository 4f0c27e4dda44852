package io.mirrorguard.simulator.engine;

import io.mirrorguard.simulator.api.SqlError;

/**
 * SQL Server errors the engine raises. Numbers, severities and texts follow sys.messages as published in
 * Microsoft's "Database Engine events and errors" pages (sql-docs errors-events includes); the %ls placeholders are
 * filled the way SQL Server fills them.
 */
public final class Errors {

    private Errors() {}

    private static SqlError e(int number, int severity, int state, String text) {
        return new SqlError(number, severity, state, text);
    }

    // ---- parsing / name resolution (batch-aborting) ----
    public static SqlError syntax(String near, int line) {
        return new SqlError(102, 15, 1, "Incorrect syntax near '" + near + "'.", line);
    }

    public static SqlError syntaxKeyword(String keyword, int line) {
        return new SqlError(156, 15, 1, "Incorrect syntax near the keyword '" + keyword + "'.", line);
    }

    public static SqlError unclosedQuote(String rest, int line) {
        String shown = rest.length() > 40 ? rest.substring(0, 40) : rest;
        return new SqlError(105, 15, 1, "Unclosed quotation mark after the character string '" + shown + "'.", line);
    }

    public static SqlError missingEndComment(int line) {
        return new SqlError(113, 15, 1, "Missing end comment mark '*/'.", line);
    }

    public static SqlError invalidObject(String name) {
        return e(208, 16, 1, "Invalid object name '" + name + "'.");
    }

    public static SqlError invalidColumn(String name) {
        return e(207, 16, 1, "Invalid column name '" + name + "'.");
    }

    public static SqlError mustDeclare(String var) {
        return e(137, 15, 2, "Must declare the scalar variable \"" + var + "\".");
    }

    public static SqlError alreadyDeclared(String var) {
        return e(134, 15, 1, "The variable name '" + var + "' has already been declared. Variable names must be unique within a query batch or stored procedure.");
    }

    public static SqlError notBuiltin(String fn) {
        return e(195, 15, 10, "'" + fn + "' is not a recognized built-in function name.");
    }

    public static SqlError unsupported(String what, int line) {
        return new SqlError(102, 15, 1, "Incorrect syntax near '" + what + "'.", line);
    }

    public static SqlError conversion(String detail) {
        return e(245, 16, 1, detail);
    }

    public static SqlError dbNotExist(String db) {
        return e(911, 16, 1, "Database '" + db + "' does not exist. Make sure that the name is entered correctly.");
    }

    // ---- permissions ----
    public static SqlError permissionDenied(String permission, String object, String database) {
        return e(300, 14, 1, permission + " permission was denied on object '" + object + "', database '" + database + "'.");
    }

    public static SqlError noPermissionAction() {
        return e(15247, 16, 1, "User does not have permission to perform this action.");
    }

    public static SqlError userNoPermission() {
        return e(297, 16, 1, "The user does not have permission to perform this action.");
    }

    public static SqlError serverScopeOnlyInMaster() {
        return e(4621, 16, 10, "Permissions at the server scope can only be granted when the current database is master");
    }

    // ---- 15xxx security ----
    /** 15151: Cannot %S_MSG the %S_MSG '%.*ls', because it does not exist or you do not have permission. */
    public static SqlError cannot(String verb, String kind, String name) {
        return e(15151, 16, 1, "Cannot " + verb + " the " + kind + " '" + name + "', because it does not exist or you do not have permission.");
    }

    public static SqlError serverPrincipalExists(String name) {
        return e(15025, 16, 2, "The server principal '" + name + "' already exists.");
    }

    public static SqlError userExists(String name) {
        return e(15023, 16, 1, "User, group, or role '" + name + "' already exists in the current database.");
    }

    public static SqlError notValidLogin(String name) {
        return e(15007, 16, 1, "'" + name + "' is not a valid login or you do not have permission.");
    }

    public static SqlError loginHasUser() {
        return e(15063, 16, 1, "The login already has an account under a different user name.");
    }

    public static SqlError principalOwns(String what) {
        return e(15138, 16, 1, "The database principal owns a " + what + " in the database, and cannot be dropped.");
    }

    public static SqlError serverPrincipalOwns(String what) {
        return e(15141, 16, 1, "The server principal owns one or more " + what + "(s) and cannot be dropped.");
    }

    public static SqlError cannotDropSpecial(String verb, String kind, String name) {
        return e(15150, 16, 1, "Cannot " + verb + " the " + kind + " '" + name + "'.");
    }

    public static SqlError loggedIn(String name) {
        return e(15434, 16, 1, "Could not drop login '" + name + "' as the user is currently logged in.");
    }

    public static SqlError loginMappedToUser(String login) {
        return e(15175, 16, 1, "Login '" + login + "' is aliased or mapped to a user in one or more database(s). Drop the user or alias before dropping the login.");
    }

    public static SqlError certExists(String name) {
        return e(15232, 16, 1, "A certificate with name '" + name + "' already exists or this certificate already has been added to the database.");
    }

    public static SqlError certFileInvalid() {
        return e(15208, 16, 1, "The certificate, asymmetric key, or private key file does not exist or has invalid format.");
    }

    public static SqlError certDataInvalid() {
        return e(15297, 16, 1, "The certificate, asymmetric key, or private key data is invalid.");
    }

    public static SqlError cannotWriteFile(String path) {
        return e(15240, 16, 1, "Cannot write into file '" + path + "'. Verify that you have write permissions, that the file path is valid, and that the file does not already exist.");
    }

    public static SqlError noPrivateKeyToDump(String cert) {
        return e(15246, 16, 1, "Cannot dump the private key of certificate '" + cert + "' because the private key cannot be found.");
    }

    public static SqlError encryptionPasswordRequired(String kind) {
        return e(15146, 16, 1, "An encryption password must be provided to encrypt the private key of this " + kind + ".");
    }

    public static SqlError noDecryptionPasswordForMk(String kind) {
        return e(15147, 16, 1, "No decryption password should be provided because the private key of this " + kind + " is encrypted by a master key.");
    }

    public static SqlError privateKeyPasswordInvalid() {
        return e(15465, 16, 1, "The private key password is invalid.");
    }

    public static SqlError decryptionError() {
        return e(15466, 16, 2, "An error occurred during decryption.");
    }

    public static SqlError privateKeyMismatch(String kind) {
        return e(15474, 16, 1, "Invalid private key. The private key does not match the public key of the " + kind + ".");
    }

    public static SqlError notProtectedByPassword(String kind) {
        return e(15397, 16, 1, "The " + kind + " is not protected by a password. A decryption password cannot be used for this operation.");
    }

    public static SqlError noPrivateKey(String kind) {
        return e(15563, 16, 1, "The " + kind + " has no private key set for it.");
    }

    public static SqlError privateKeyPasswordNeeded(String kind) {
        return e(15334, 16, 1, "The " + kind + " has a private key that is protected by a user defined password. That password needs to be provided to enable the use of the private key.");
    }

    public static SqlError cannotDropEncrypting(String dropped, String kind, String name) {
        return e(15580, 16, 1, "Cannot drop " + dropped + " because " + kind + " '" + name + "' is encrypted by it.");
    }

    public static SqlError createMasterKeyFirst() {
        return e(15581, 16, 3, "Please create a master key in the database or open the master key in the session before performing this operation.");
    }

    public static SqlError masterKeyExists() {
        return e(15578, 16, 1, "There is already a master key in the database. Please drop it before performing this statement.");
    }

    public static SqlError masterKeyCannotDecrypt() {
        return e(15329, 16, 1, "The current master key cannot be decrypted. If this is a database master key, you should attempt to open it in the session before performing this operation. The FORCE option can be used to ignore this error and continue the operation but the data encrypted by the old master key will be lost.");
    }

    public static SqlError keyNotEncryptedBy() {
        return e(15313, 16, 1, "The key is not encrypted using the specified decryptor.");
    }

    public static SqlError encryptionAlreadyExists(String kind, String name) {
        return e(15579, 16, 1, "Adding an encryption to the symmetric key failed. An encryption by the same " + kind + " '" + name + "' may already exist.");
    }

    public static SqlError ownershipNotAllowed(String kind) {
        return e(15353, 16, 1, "An entity of type " + kind + " cannot be owned by a role, a group, an approle, or by principals mapped to certificates or asymmetric keys.");
    }

    public static SqlError cannotDropInUse(String kind) {
        return e(15352, 16, 1, "The " + kind + " cannot be dropped because one or more entities are either signed or encrypted using it.");
    }

    public static SqlError certMappedToLogin(String cert) {
        return e(15559, 16, 1, "Cannot drop certificate '" + cert + "' because there is a login mapped to it.");
    }

    public static SqlError roleHasMembers() {
        return e(15144, 16, 1, "The role has members. It must be empty before it can be dropped.");
    }

    public static SqlError notFixedServerRole(String name) {
        return e(15402, 11, 1, "'" + name + "' is not a fixed server role.");
    }

    public static SqlError publicMembership() {
        return e(15081, 16, 1, "Membership of the public role cannot be changed.");
    }

    public static SqlError subjectLength(int max) {
        return e(15212, 16, 1, "Invalid certificate subject. The certificate subject must have between 1 and " + max + " characters.");
    }

    public static SqlError invalidValidity() {
        return e(15213, 16, 1, "Warning: The certificate you created has an invalid validity period; its expiration date precedes its start date.");
    }

    public static SqlError certExpiredWarning() {
        return new SqlError(15214, 16, 1, "Warning: The certificate you created is expired.");
    }

    public static SqlError certNotYetValidWarning() {
        return new SqlError(15215, 16, 1, "Warning: The certificate you created is not yet valid; its start date is in the future.");
    }

    public static SqlError grantorNoGrantOption() {
        return e(4613, 16, 1, "Grantor does not have GRANT permission.");
    }

    public static SqlError cascadeRequired() {
        return e(4611, 16, 1, "To revoke or deny grantable privileges, specify the CASCADE option.");
    }

    public static SqlError cannotGrantToSelf() {
        return e(4627, 16, 1, "Cannot grant, deny, or revoke the connect sql permission to a server role.");
    }

    // ---- endpoints ----
    public static SqlError endpointTypeExists() {
        return e(7862, 16, 1, "An endpoint of the requested type already exists. Only one endpoint of this type is supported. Use ALTER ENDPOINT or DROP the existing endpoint and execute the CREATE ENDPOINT statement.");
    }

    public static SqlError endpointBindingExists() {
        return e(7874, 16, 1, "An endpoint already exists with the bindings specified. Only one endpoint supported for a specific binding. Use ALTER ENDPOINT or DROP the existing endpoint and execute the CREATE ENDPOINT statement.");
    }

    public static SqlError endpointNothingToAlter() {
        return e(7863, 16, 1, "The endpoint was not changed. The ALTER ENDPOINT statement did not contain any values to modify or update.");
    }

    public static SqlError endpointTransportChange() {
        return e(7860, 15, 1, "An endpoint's transport or content cannot be changed through the ALTER ENDPOINT statement. Use DROP ENDPOINT and execute the CREATE ENDPOINT statement to make these changes.");
    }

    public static SqlError builtinEndpoint(String name) {
        return e(7873, 16, 1, "The endpoint \"" + name + "\" is a built-in endpoint and cannot be dropped. Use the protocol configuration utilities to ADD or DROP Transact-SQL endpoints.");
    }

    public static SqlError requiredParameter(String p) {
        return e(7801, 15, 1, "The required parameter " + p + " was not specified.");
    }

    public static SqlError duplicateParameter(String p) {
        return e(7816, 15, 1, "A duplicate parameter was specified, '" + p + "'.");
    }

    public static SqlError inUserTransaction(String statement) {
        return e(574, 16, 0, statement + " statement cannot be used inside a user transaction.");
    }

    // ---- databases / backup ----
    public static SqlError databaseExists(String db) {
        return e(1801, 16, 3, "Database '" + db + "' already exists. Choose a different database name.");
    }

    public static SqlError databaseNotFound(String db) {
        return e(15010, 16, 1, "The database '" + db + "' does not exist. Supply a valid database name. To see available databases, use sys.databases.");
    }

    public static SqlError databaseCannotOpen(String db) {
        return e(927, 14, 2, "Database '" + db + "' cannot be opened. It is in the middle of a restore.");
    }

    public static SqlError backupOpenFailed(String path) {
        return e(3201, 16, 2, "Cannot open backup device '" + path + "'. Operating system error 2(The system cannot find the file specified.).");
    }

    public static SqlError backupTerminated(String verb) {
        return e(3013, 16, 1, verb + " is terminating abnormally.");
    }

    public static SqlError logBackupNeedsFull(String db) {
        return e(4208, 16, 1, "The statement BACKUP LOG is not allowed while the recovery model is SIMPLE. Use BACKUP DATABASE or change the recovery model using ALTER DATABASE.");
    }

    public static SqlError restoreOverExisting(String db) {
        return e(3154, 16, 4, "The backup set holds a backup of a database other than the existing '" + db + "' database.");
    }

    public static SqlError restoreTooLate(String db) {
        return e(4306, 16, 1, "The preceding restore operation did not specify WITH NORECOVERY or WITH STANDBY. Restart the restore sequence, specifying WITH NORECOVERY or WITH STANDBY for all but the final step.");
    }

    public static SqlError alterDbInTransaction() {
        return e(226, 16, 6, "ALTER DATABASE statement not allowed within multi-statement transaction.");
    }

    // ---- mirroring (14xx) ----
    public static SqlError notConfiguredForMirroring(String db) {
        return e(1416, 16, 2, "Database \"" + db + "\" is not configured for database mirroring.");
    }

    public static SqlError addressUnreachable(String address) {
        return e(1418, 16, 1, "The server network address \"" + address + "\" can not be reached or does not exist. Check the network address name and that the ports for the local and remote endpoints are operational.");
    }

    public static SqlError witnessNotDistinct() {
        return e(1429, 16, 1, "The witness server instance name must be distinct from both of the server instances that manage the database. The ALTER DATABASE SET WITNESS command failed.");
    }

    public static SqlError witnessCannotAct(String address) {
        return e(1427, 16, 1, "The server instance '" + address + "' could not act as the witness. The ALTER DATABASE SET WITNESS command failed.");
    }

    public static SqlError witnessNeedsInterconnect() {
        return e(1426, 16, 1, "To issue ALTER DATABASE SET WITNESS, all three server instances must be interconnected, and the mirror database must be caught up. When these conditions are met, reissue the command.");
    }

    public static SqlError neitherAvailable(String db) {
        return e(1431, 16, 4, "Neither the partner nor the witness server instance for database \"" + db + "\" is available. Reissue the command when at least one of the instances becomes available.");
    }

    public static SqlError noWitness(String db) {
        return e(1439, 16, 1, "There is currently no witness associated with database \"" + db + "\".");
    }

    public static SqlError remoteCopyMissing(String db) {
        return e(1448, 16, 1, "The remote copy of database \"" + db + "\" does not exist. Check the database name and reissue the command.");
    }

    public static SqlError invalidConnectionString() {
        return e(1449, 16, 1, "ALTER DATABASE command failed due to an invalid server connection string.");
    }

    public static SqlError partnerNotDistinct() {
        return e(1452, 16, 1, "The partner server instance name must be distinct from the server instance that manages the database. The ALTER DATABASE SET PARTNER command failed.");
    }

    public static SqlError couldNotSendToRemote(String address) {
        return e(1456, 16, 3, "The ALTER DATABASE command could not be sent to the remote server instance '" + address + "'. The database mirroring configuration was not changed. Verify that the server is connected, and try again.");
    }

    public static SqlError alreadyMirroredRemote(String db) {
        return e(1460, 16, 1, "The database \"" + db + "\" is already configured for database mirroring on the remote server. Drop database mirroring on the remote server to establish a new partner.");
    }

    public static SqlError remoteNotRestoring(String db) {
        return e(1464, 16, 1, "Database mirroring cannot be enabled for the remote copy of database \"" + db + "\" because the database is not in a recovering state. The remote database must be restored using WITH NORECOVERY.");
    }

    public static SqlError notFullRecovery(String db) {
        return e(1465, 16, 1, "Database mirroring cannot be enabled because the \"" + db + "\" database is not in full recovery mode on both partners.");
    }

    public static SqlError onlyOnPrincipal(String db) {
        return e(1470, 16, 1, "The alter database for this partner config values may only be initiated on the current principal server for database \"" + db + "\".");
    }

    public static SqlError safetyMustBeFull(String db) {
        return e(1477, 16, 1, "The database mirroring safety level must be FULL to manually failover database \"" + db + "\". Set safety level to FULL and retry.");
    }

    public static SqlError bothPartnersMustBeConnected(String db) {
        return e(1447, 16, 1, "ALTER DATABASE \"" + db + "\" command cannot be executed until both partner server instances are up, running, and connected. Start the partner and reissue the command.");
    }

    public static SqlError mirroringInvolved(String db) {
        return e(1468, 16, 1, "The operation cannot be performed on database \"" + db + "\" because it is involved in a database mirroring session.");
    }

    // ---- transactions / applocks ----
    public static SqlError commitWithoutBegin() {
        return e(3902, 16, 1, "The COMMIT TRANSACTION request has no corresponding BEGIN TRANSACTION.");
    }

    public static SqlError rollbackWithoutBegin() {
        return e(3903, 16, 1, "The ROLLBACK TRANSACTION request has no corresponding BEGIN TRANSACTION.");
    }

    public static SqlError procNotFound(String name) {
        return e(2812, 16, 62, "Could not find stored procedure '" + name + "'.");
    }

    public static SqlError applockNeedsTransaction() {
        return e(1223, 16, 1, "Cannot release the application lock (Database Principal: 'public', Resource: '') because it is not currently held.");
    }

    public static SqlError raise(String text, int severity, int state) {
        return e(50000, severity, state, text);
    }

    public static SqlError divideByZero() {
        return e(8134, 16, 1, "Divide by zero error encountered.");
    }

    public static SqlError generic(int number, int severity, String text) {
        return e(number, severity, 1, text);
    }
}
