#!/usr/bin/env node
// Validates JSON files against a draft-04 JSON schema (the SARIF 2.1.0 schema is draft-04) with Ajv.
// Usage: node validate-schema.js SCHEMA FILE...
// Prints one JSON object: { "FILE": [ { instancePath, schemaPath, message }, ... ], ... }.
// Exit code: 0 when every file is valid, 1 when any is not, 2 on a usage or read error.
'use strict';
const fs = require('fs');
const Ajv = require('ajv-draft-04');
const addFormats = require('ajv-formats');

const [schemaPath, ...files] = process.argv.slice(2);
if (!schemaPath || files.length === 0) {
  console.error('usage: node validate-schema.js SCHEMA FILE...');
  process.exit(2);
}
try {
  const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
  // allErrors: report everything at once; strict off: the published schema has annotations Ajv's strict mode rejects.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  const report = {};
  let ok = true;
  for (const file of files) {
    const valid = validate(JSON.parse(fs.readFileSync(file, 'utf8')));
    report[file] = valid ? [] : validate.errors.map(e => ({ instancePath: e.instancePath, schemaPath: e.schemaPath, message: e.message }));
    ok = ok && valid;
  }
  console.log(JSON.stringify(report, null, 2));
  process.exit(ok ? 0 : 1);
} catch (e) {
  console.error(String(e && e.stack || e));
  process.exit(2);
}
