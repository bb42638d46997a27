// Verifies a JSON Web Token with the `jsonwebtoken` package and prints one JSON line: the
// header and claims, or the error's name and message.
// Usage: node verify_jwt.mjs TOKEN_FILE KEY_FILE CLOCK_UNIX_SECONDS [ALGORITHM]
// ALGORITHM defaults to RS256, whose key file is a PEM public key; for HS256 the key file
// holds the raw shared key bytes.
import jwt from "jsonwebtoken";
import { readFileSync } from "node:fs";

const [tokenFile, keyFile, clock, algorithm = "RS256"] = process.argv.slice(2);
const key = algorithm.startsWith("HS") ? readFileSync(keyFile) : readFileSync(keyFile, "utf8");
try {
  const decoded = jwt.verify(readFileSync(tokenFile, "utf8").trim(), key, {
    algorithms: [algorithm],
    complete: true,
    clockTimestamp: Number(clock),
  });
  console.log(JSON.stringify({ header: decoded.header, payload: decoded.payload }));
} catch (error) {
  console.log(JSON.stringify({ error: error.name, message: error.message }));
}
