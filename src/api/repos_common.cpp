#include "api/repos_common.hpp"

#include <fmt/core.h>
#include <openssl/rand.h>

#include <array>
#include <boost/json.hpp>

#include "core/time_format.hpp"

namespace nectr::api {
namespace {

constexpr std::size_t kMaxOwnerLength = 39;
constexpr std::size_t kMaxRepoLength = 100;
constexpr std::size_t kSecretBytes = 32;

bool IsAsciiAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool IsOwnerName(std::string_view name) {
    if (name.empty() || name.size() > kMaxOwnerLength) {
        return false;
    }
    for (char c : name) {
        if (!IsAsciiAlnum(c) && c != '-') {
            return false;
        }
    }
    return true;
}

bool IsRepoName(std::string_view name) {
    if (name.empty() || name.size() > kMaxRepoLength || name == "." || name == "..") {
        return false;
    }
    for (char c : name) {
        if (!IsAsciiAlnum(c) && c != '-' && c != '_' && c != '.') {
            return false;
        }
    }
    return true;
}

boost::json::value OptionalInt(const std::optional<std::int64_t>& value) {
    return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

}  // namespace

core::Result<std::string> RepoFullNameFromPath(const http::Request& request) {
    const std::string owner = request.PathParam("owner").value_or("");
    const std::string repo = request.PathParam("repo").value_or("");
    if (!IsOwnerName(owner)) {
        return core::MakeError(core::Errc::kInvalidInput,
                               "the owner in the path is not a GitHub account name");
    }
    if (!IsRepoName(repo)) {
        return core::MakeError(core::Errc::kInvalidInput,
                               "the repository in the path is not a GitHub repository name");
    }
    return owner + "/" + repo;
}

std::string LowerName(std::string_view name) {
    std::string lower(name);
    for (char& c : lower) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return lower;
}

github::RepoName ToRepoName(std::string_view full_name) {
    const std::size_t slash = full_name.find('/');
    if (slash == std::string_view::npos) {
        return {std::string(full_name), ""};
    }
    return {std::string(full_name.substr(0, slash)), std::string(full_name.substr(slash + 1))};
}

core::Error GitHubFailure(const core::Error& error, std::string_view action) {
    using core::Errc;
    switch (error.code) {
        case Errc::kUnauthorized:
            return core::MakeError(
                Errc::kUnauthorized,
                fmt::format("GitHub refused your stored token while {}; sign in with GitHub again",
                            action));
        case Errc::kForbidden:
        case Errc::kNotFound:
        case Errc::kRateLimited:
            return core::MakeError(error.code,
                                   fmt::format("GitHub refused {}: {}", action, error.detail));
        case Errc::kInvalidInput:
        case Errc::kConflict:
        case Errc::kTooLarge:
        case Errc::kUnsupportedMediaType:
            return core::MakeError(Errc::kUpstream,
                                   fmt::format("GitHub refused {}: {}", action, error.detail));
        default:
            return core::MakeError(Errc::kUpstream,
                                   fmt::format("GitHub did not answer {} ({}); try again later",
                                               action, error.detail));
    }
}

core::Result<std::string> NewWebhookSecret() {
    std::array<unsigned char, kSecretBytes> bytes{};
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
        return core::MakeError(core::Errc::kInternal,
                               "the random generator could not make a webhook secret");
    }
    static constexpr char kDigits[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(bytes.size() * 2);
    for (unsigned char byte : bytes) {
        hex.push_back(kDigits[byte >> 4]);
        hex.push_back(kDigits[byte & 0x0f]);
    }
    return hex;
}

boost::json::object InstallationJson(const InstallationRow& installation) {
    return boost::json::object{
        {"id", installation.id},
        {"repository", installation.repo_full_name},
        {"github_repo_id", OptionalInt(installation.github_repo_id)},
        {"webhook_id", OptionalInt(installation.webhook_id)},
        {"active", installation.active},
        {"installed_at", core::FormatUtcMillis(installation.installed_at_ms)},
        {"updated_at", core::FormatUtcMillis(installation.updated_at_ms)},
        {"max_concurrent_reviews", OptionalInt(installation.max_concurrent_reviews)},
    };
}

http::Response JsonAnswer(int status, const boost::json::object& body) {
    http::Response response = http::Response::Json(status, boost::json::serialize(body));
    response.SetHeader("Cache-Control", "no-store");
    return response;
}

}  // namespace nectr::api
