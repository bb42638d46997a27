#pragma once

// What the GitHub client tests share: a clock they move by hand, a sleeper that only records,
// RSA keys made on the spot, and a way to run one client call to its end.
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "github/blocking.hpp"
#include "github/options.hpp"

namespace nectr::github::testing {

// Wall and monotonic time that only move when the test (or the sleeper) moves them.
class FakeClock final : public core::Clock {
public:
    explicit FakeClock(
        std::chrono::system_clock::time_point start =
            std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000)))
        : now_(start) {}
    std::chrono::system_clock::time_point Now() const override {
        std::lock_guard lock(mutex_);
        return now_;
    }
    std::chrono::steady_clock::time_point Steady() const override {
        std::lock_guard lock(mutex_);
        return std::chrono::steady_clock::time_point(now_.time_since_epoch());
    }
    void Advance(std::chrono::milliseconds by) {
        std::lock_guard lock(mutex_);
        now_ += by;
    }

private:
    mutable std::mutex mutex_;
    std::chrono::system_clock::time_point now_;
};

// Records each wait and moves the clock instead of sleeping.
class RecordingSleeper {
public:
    explicit RecordingSleeper(FakeClock& clock) : clock_(clock) {}
    Sleeper AsSleeper() {
        return [this](std::chrono::milliseconds duration) -> net::awaitable<void> {
            {
                std::lock_guard lock(mutex_);
                waits_.push_back(duration);
            }
            clock_.Advance(duration);
            co_return;
        };
    }
    std::vector<std::chrono::milliseconds> Waits() const {
        std::lock_guard lock(mutex_);
        return waits_;
    }

private:
    FakeClock& clock_;
    mutable std::mutex mutex_;
    std::vector<std::chrono::milliseconds> waits_;
};

struct RsaKeyPair {
    std::string private_pem;  // PKCS#1 ("BEGIN RSA PRIVATE KEY"), as GitHub hands it out
    std::string public_pem;   // SubjectPublicKeyInfo ("BEGIN PUBLIC KEY")
};

inline std::string ReadBio(BIO* bio) {
    char* data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return std::string(data, static_cast<std::size_t>(size));
}

inline RsaKeyPair MakeRsaKeyPair() {
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(EVP_RSA_gen(2048), EVP_PKEY_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> private_bio(BIO_new(BIO_s_mem()), BIO_free);
    std::unique_ptr<BIO, decltype(&BIO_free)> public_bio(BIO_new(BIO_s_mem()), BIO_free);
    if (!key || !private_bio || !public_bio ||
        PEM_write_bio_PrivateKey_traditional(private_bio.get(), key.get(), nullptr, nullptr, 0,
                                             nullptr, nullptr) != 1 ||
        PEM_write_bio_PUBKEY(public_bio.get(), key.get()) != 1) {
        return {};
    }
    return {ReadBio(private_bio.get()), ReadBio(public_bio.get())};
}

// Runs one client call on a private event loop and returns its result.
template <typename T>
core::Result<T> Call(std::function<net::awaitable<core::Result<T>>()> call) {
    return RunBlocking<T>(call);
}

}  // namespace nectr::github::testing
