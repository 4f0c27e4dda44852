// Connects to the TDS simulator with tedious, validating its certificate against a PEM CA, runs one batch and
// prints {"columns": [...], "rows": [[...]], "messages": [...]} as JSON on stdout. Exit code 1 on any error.
// Usage: node tedious-check.js PORT PEM_PATH USER PASSWORD ENCRYPT(true|false|strict) SQL [PARAMS_JSON]
// PARAMS_JSON: [{"name": "id", "type": "Int", "value": 5}, ...] (type names of tedious' TYPES); with parameters
// tedious sends the batch as an sp_executesql RPC.
'use strict';
const fs = require('fs');
const { Connection, Request, TYPES } = require('tedious');

const [port, pem, userName, password, encrypt, sql, paramsJson] = process.argv.slice(2);
const config = {
  server: 'localhost',
  authentication: { type: 'default', options: { userName, password } },
  options: {
    port: Number(port),
    database: 'audit',
    encrypt: encrypt === 'strict' ? 'strict' : encrypt === 'true',
    trustServerCertificate: false,
    cryptoCredentialsDetails: { ca: fs.readFileSync(pem) },
    connectTimeout: 10000,
    requestTimeout: 10000,
    rowCollectionOnRequestCompletion: false,
  },
};

const out = { columns: [], rows: [], messages: [] };
const connection = new Connection(config);
const timer = setTimeout(() => { console.error('timeout'); process.exit(2); }, 30000);
connection.on('infoMessage', (m) => out.messages.push({ number: m.number, message: m.message }));
connection.on('errorMessage', (m) => out.messages.push({ number: m.number, message: m.message }));
connection.connect((err) => {
  if (err) {
    console.log(JSON.stringify({ error: err.message, code: err.code }));
    process.exit(1);
  }
  const request = new Request(sql, (reqErr, rowCount) => {
    clearTimeout(timer);
    if (reqErr) {
      out.error = reqErr.message;
      out.number = reqErr.number;
    }
    out.rowCount = rowCount;
    console.log(JSON.stringify(out, (k, v) => (typeof v === 'bigint' ? v.toString() : v)));
    connection.close();
  });
  for (const p of JSON.parse(paramsJson || '[]')) {
    request.addParameter(p.name, TYPES[p.type], p.value);
  }
  request.on('columnMetadata', (cols) => { out.columns = cols.map((c) => c.colName); });
  request.on('row', (cols) => {
    out.rows.push(cols.map((c) => (Buffer.isBuffer(c.value) ? c.value.toString('hex') : c.value)));
  });
  connection.execSql(request);
});
connection.on('end', () => process.exit(out.error ? 1 : 0));
