// Verifies a JSON Web Token with the `jsonwebtoken` package and prints one JSON line: the
// header and claims, or the error's name and message.
// Usage: node verify_jwt.mjs TOKEN_FILE PUBLIC_KEY_FILE CLOCK_UNIX_SECONDS
import jwt from "jsonwebtoken";
import { readFileSync } from "node:fs";

const [tokenFile, keyFile, clock] = process.argv.slice(2);
try {
  const decoded = jwt.verify(readFileSync(tokenFile, "utf8").trim(), readFileSync(keyFile, "utf8"), {
    algorithms: ["RS256"],
    complete: true,
    clockTimestamp: Number(clock),
  });
  console.log(JSON.stringify({ header: decoded.header, payload: decoded.payload }));
} catch (error) {
  console.log(JSON.stringify({ error: error.name, message: error.message }));
}
