// Encrypts or decrypts one Fernet token with the `fernet` package, an implementation
// independent of Nectr's. Standard input carries the plaintext (UTF-8) or the token; one
// JSON line comes out: {"token"}, {"plaintext"} or {"error"}.
// Usage: node fernet_peer.mjs encrypt KEY UNIX_SECONDS < plaintext
//        node fernet_peer.mjs decrypt KEY < token
import fernet from "fernet";
import { readFileSync } from "node:fs";

const [mode, key, seconds] = process.argv.slice(2);
const input = readFileSync(0, "utf8");
try {
  const secret = new fernet.Secret(key);
  if (mode === "encrypt") {
    const time = new Date(Number(seconds) * 1000).toISOString();
    const token = new fernet.Token({ secret, time });
    console.log(JSON.stringify({ token: token.encode(input) }));
  } else if (mode === "decrypt") {
    // ttl 0: no age check, which the package would make against the real clock.
    const token = new fernet.Token({ secret, token: input.trim(), ttl: 0 });
    console.log(JSON.stringify({ plaintext: token.decode() }));
  } else {
    console.error("usage: fernet_peer.mjs encrypt KEY UNIX_SECONDS | decrypt KEY");
    process.exit(2);
  }
} catch (error) {
  console.log(JSON.stringify({ error: error.message }));
}
