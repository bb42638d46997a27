#include "github/app_jwt.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <algorithm>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <cctype>

#include "github/base64.hpp"

namespace nectr::github {
namespace {

using core::Errc;

constexpr std::chrono::seconds kIssuedEarlier{60};
constexpr std::chrono::minutes kLifetime{9};

bool AllDigits(std::string_view text) {
    return !text.empty() && text.size() < 19 &&
           std::all_of(text.begin(), text.end(),
                       [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace

AppKey::AppKey(std::string app_id, std::shared_ptr<evp_pkey_st> key)
    : app_id_(std::move(app_id)), key_(std::move(key)) {}

core::Result<AppKey> AppKey::Load(std::string app_id, std::string_view private_key_pem) {
    if (app_id.empty()) {
        return core::MakeError(Errc::kInvalidInput, "the GitHub App id is empty");
    }
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(private_key_pem.data(), static_cast<int>(private_key_pem.size())),
        BIO_free);
    if (!bio) {
        return core::MakeError(Errc::kInternal, "cannot allocate an OpenSSL buffer");
    }
    EVP_PKEY* raw = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr);
    ERR_clear_error();  // leave no stale error behind for the next OpenSSL user of this thread
    if (raw == nullptr) {
        return core::MakeError(Errc::kInvalidInput,
                               "the GitHub App private key is not a PEM private key");
    }
    std::shared_ptr<evp_pkey_st> key(raw, EVP_PKEY_free);
    if (EVP_PKEY_get_base_id(raw) != EVP_PKEY_RSA) {
        return core::MakeError(Errc::kInvalidInput,
                               "the GitHub App private key is not an RSA key (RS256 needs one)");
    }
    return AppKey(std::move(app_id), std::move(key));
}

core::Result<std::string> AppKey::MakeJwt(std::chrono::system_clock::time_point now) const {
    const auto seconds =
        std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
    boost::json::object claims;
    claims["iat"] = seconds - kIssuedEarlier.count();
    claims["exp"] = seconds + std::chrono::duration_cast<std::chrono::seconds>(kLifetime).count();
    if (AllDigits(app_id_)) {
        claims["iss"] = std::stoll(app_id_);
    } else {
        claims["iss"] = app_id_;
    }
    const std::string signing_input = EncodeBase64Url(R"({"alg":"RS256","typ":"JWT"})") + "." +
                                      EncodeBase64Url(boost::json::serialize(claims));

    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(),
                                                                    EVP_MD_CTX_free);
    std::size_t length = 0;
    std::string signature;
    bool ok = context &&
              EVP_DigestSignInit(context.get(), nullptr, EVP_sha256(), nullptr, key_.get()) == 1;
    ok = ok && EVP_DigestSign(context.get(), nullptr, &length,
                              reinterpret_cast<const unsigned char*>(signing_input.data()),
                              signing_input.size()) == 1;
    if (ok) {
        signature.resize(length);
        ok = EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()),
                            &length, reinterpret_cast<const unsigned char*>(signing_input.data()),
                            signing_input.size()) == 1;
        signature.resize(length);
    }
    if (!ok) {
        ERR_clear_error();
        return core::MakeError(Errc::kInternal, "signing the GitHub App JWT failed");
    }
    return signing_input + "." + EncodeBase64Url(signature);
}

}  // namespace nectr::github
