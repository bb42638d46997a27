#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "analyzers/changed_file.hpp"
#include "analyzers/finding.hpp"

namespace nectr::analyzers {

// Appends a "secret.*" finding for each credential found on an added line of `file`: private
// keys, AWS, GitHub, Slack, Google, Stripe, OpenAI and Anthropic keys, JWTs, and long random
// literals assigned to names such as password or api_key. Every file that is not binary is
// scanned, documentation and tests included. Messages carry only MaskSecret's form of a value.
void FindSecrets(const ChangedFile& file, std::vector<Finding>& findings);

// The raw values FindSecrets reports on `file`'s added lines and, for a private key, the lines
// of its block: for masking them in text derived from the change (a model's review may quote a
// line). Never log, store or print them; MaskSecretValues is what they are for.
std::vector<std::string> SecretValues(const ChangedFile& file);

// Shannon entropy of the bytes of `value`, in bits per byte (0 for an empty value).
double ShannonEntropy(std::string_view value);

// True for values that stand in for a secret in examples: "changeme", "xxxx", "<your-token>",
// "${TOKEN}", "{{ .Values.token }}", the key ids AWS documents ending in EXAMPLE, and the like.
bool LooksLikePlaceholder(std::string_view value);

}  // namespace nectr::analyzers
