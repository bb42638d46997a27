#pragma once

// A GitHub App proves who it is with a JSON Web Token signed by its private key (RS256), which
// it then exchanges for installation tokens.
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.hpp"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY, kept out of this header

namespace nectr::github {

// The app's id and its parsed private key. Cheap to copy (the key is shared and immutable).
class AppKey {
public:
    // Parses the PEM that GitHub hands out ("BEGIN RSA PRIVATE KEY", PKCS#1) or its PKCS#8
    // form. kInvalidInput when the app id is empty or the PEM holds no RSA private key; the
    // detail never includes the key.
    static core::Result<AppKey> Load(std::string app_id, std::string_view private_key_pem);

    // A JWT for `now`: iat = now - 60 s (GitHub's clock may be behind), exp = now + 9 minutes
    // (GitHub refuses more than 10), iss = the app id (a number when it is all digits, as
    // GitHub documents it, otherwise a string such as a client id). kInternal if signing fails.
    core::Result<std::string> MakeJwt(std::chrono::system_clock::time_point now) const;

    const std::string& AppId() const { return app_id_; }

private:
    AppKey(std::string app_id, std::shared_ptr<evp_pkey_st> key);

    std::string app_id_;
    std::shared_ptr<evp_pkey_st> key_;
};

}  // namespace nectr::github
