// Validates a SARIF log against the SARIF 2.1.0 JSON schema that Microsoft publishes (shipped
// in @microsoft/jest-sarif as lib/schemas/sarif-2.1.0-rtm.5.json, a draft-04 schema), with Ajv
// and its format checks (uri, uri-reference, date-time).
// Usage: node validate_sarif.mjs FILE   (FILE "-" reads standard input)
// Prints one JSON line, {"valid":true} or {"valid":false,"errors":[{"path","message"}...]}, and
// exits 0 when valid, 1 when not, 2 when the file cannot be read or is not JSON.
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const schemaPath = path.join(
  path.dirname(require.resolve("@microsoft/jest-sarif/package.json")),
  "lib/schemas/sarif-2.1.0-rtm.5.json",
);

const [file] = process.argv.slice(2);
if (!file) {
  console.log(JSON.stringify({ valid: false, errors: [{ path: "", message: "usage: validate_sarif.mjs FILE" }] }));
  process.exit(2);
}

let log;
try {
  log = JSON.parse(readFileSync(file === "-" ? 0 : file, "utf8"));
} catch (error) {
  console.log(JSON.stringify({ valid: false, errors: [{ path: "", message: `not JSON: ${error.message}` }] }));
  process.exit(2);
}

// The schema's patterns are ECMA-262 expressions written without the "u" flag in mind (one is
// `[a-zA-Z]{2}]?`, a stray bracket that "u" rejects), and its keywords include draft-04 ones
// that strict mode would flag; neither changes what a valid log is.
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
if (validate(log)) {
  console.log(JSON.stringify({ valid: true, schema: path.basename(schemaPath) }));
  process.exit(0);
}
const errors = validate.errors.map((e) => ({ path: e.instancePath, message: e.message, params: e.params }));
console.log(JSON.stringify({ valid: false, errors }));
process.exit(1);
