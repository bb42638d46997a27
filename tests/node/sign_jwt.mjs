// Signs claims as an HS256 JSON Web Token with the `jsonwebtoken` package: an
// independent signer for the session token verifier. The claims are taken as they are (iat
// and exp included); the key file holds the raw key bytes. Prints {"token"}.
// Usage: node sign_jwt.mjs CLAIMS_JSON_FILE KEY_FILE
import jwt from "jsonwebtoken";
import { readFileSync } from "node:fs";

const [claimsFile, keyFile] = process.argv.slice(2);
const claims = JSON.parse(readFileSync(claimsFile, "utf8"));
console.log(JSON.stringify({ token: jwt.sign(claims, readFileSync(keyFile), { algorithm: "HS256" }) }));
