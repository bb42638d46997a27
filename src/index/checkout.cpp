#include "index/checkout.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <unordered_set>

#include "core/subprocess.hpp"
#include "index/file_filter.hpp"
#include "index/text.hpp"

namespace nectr::index {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxGitOutputBytes = std::size_t{1} << 30;

Result<core::ProcessResult> Git(const std::string& root, std::vector<std::string> args) {
    args.insert(args.begin(), "git");
    core::ProcessOptions options;
    options.working_directory = root;
    options.max_output_bytes = kMaxGitOutputBytes;
    return core::RunProcess(args, options);
}

bool InsideWorkTree(const std::string& root) {
    auto run = Git(root, {"rev-parse", "--is-inside-work-tree"});
    return run && run->exit_code == 0 && Trim(run->out) == "true";
}

// Parses `git ls-files -s -z`: "<mode> <sha> <stage>\t<path>\0" per entry. Regular files only
// (100644, 100755): symlinks (120000) and submodules (160000) are not content of this tree.
std::vector<ListedFile> ParseStagedFiles(std::string_view out) {
    std::vector<ListedFile> files;
    std::size_t start = 0;
    while (start < out.size()) {
        std::size_t end = out.find('\0', start);
        if (end == std::string_view::npos) {
            end = out.size();
        }
        const std::string_view entry = out.substr(start, end - start);
        start = end + 1;
        const std::size_t tab = entry.find('\t');
        const std::size_t space = entry.find(' ');
        if (tab == std::string_view::npos || space == std::string_view::npos || space > tab ||
            !entry.starts_with("100")) {
            continue;
        }
        const std::string_view sha =
            entry.substr(space + 1, entry.find(' ', space + 1) - space - 1);
        const std::string_view path = entry.substr(tab + 1);
        // A path in conflict is listed once per stage; keep the first.
        if (!files.empty() && files.back().path == path) {
            continue;
        }
        files.push_back(ListedFile{std::string(path), std::string(sha)});
    }
    return files;
}

std::unordered_set<std::string> ParsePathList(std::string_view out) {
    std::unordered_set<std::string> paths;
    std::size_t start = 0;
    while (start < out.size()) {
        std::size_t end = out.find('\0', start);
        if (end == std::string_view::npos) {
            end = out.size();
        }
        if (end > start) {
            paths.emplace(out.substr(start, end - start));
        }
        start = end + 1;
    }
    return paths;
}

Result<CheckoutListing> ListGit(const std::string& root) {
    auto staged = Git(root, {"ls-files", "-s", "-z"});
    if (!staged || staged->exit_code != 0) {
        return core::MakeError(
            core::Errc::kUnavailable,
            "git ls-files failed in " + root + ": " +
                (staged ? std::string(Trim(staged->err)) : staged.error().detail));
    }
    CheckoutListing listing;
    listing.is_git = true;
    listing.files = ParseStagedFiles(staged->out);
    // Files changed in the working tree since they were staged: their blob id says nothing of
    // what is on disk now.
    auto modified = Git(root, {"ls-files", "-m", "-z"});
    if (modified && modified->exit_code == 0) {
        const auto changed = ParsePathList(modified->out);
        for (ListedFile& file : listing.files) {
            if (changed.contains(file.path)) {
                file.blob_sha.clear();
            }
        }
    }
    listing.head_sha = HeadCommit(root);
    std::sort(listing.files.begin(), listing.files.end(),
              [](const ListedFile& a, const ListedFile& b) { return a.path < b.path; });
    return listing;
}

CheckoutListing ListDirectory(const fs::path& root) {
    CheckoutListing listing;
    std::error_code ec;
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const fs::directory_entry& entry = *it;
        const std::string relative = entry.path().lexically_relative(root).generic_string();
        if (entry.is_symlink(ec)) {
            continue;
        }
        if (entry.is_directory(ec)) {
            // Skip folders the filter would reject every file of, without entering them.
            if (WhyPathSkipped(relative + "/x")) {
                it.disable_recursion_pending();
            }
            continue;
        }
        if (entry.is_regular_file(ec)) {
            listing.files.push_back(ListedFile{relative, ""});
        }
    }
    std::sort(listing.files.begin(), listing.files.end(),
              [](const ListedFile& a, const ListedFile& b) { return a.path < b.path; });
    return listing;
}

}  // namespace

Result<CheckoutListing> ListCheckout(const std::string& root) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) {
        return core::MakeError(core::Errc::kNotFound, root + " is not a directory");
    }
    if (InsideWorkTree(root)) {
        return ListGit(root);
    }
    return ListDirectory(fs::path(root));
}

std::optional<std::string> HeadCommit(const std::string& root) {
    auto head = Git(root, {"rev-parse", "--verify", "-q", "HEAD"});
    if (!head || head->exit_code != 0 || Trim(head->out).empty()) {
        return std::nullopt;
    }
    return std::string(Trim(head->out));
}

std::optional<std::string> RepositoryNameFromUrl(std::string_view url) {
    url = Trim(url);
    while (url.ends_with('/')) {
        url.remove_suffix(1);
    }
    if (url.ends_with(".git")) {
        url.remove_suffix(4);
    }
    // The last two parts, whether separated by '/' or, in scp-like URLs, by ':'.
    const std::size_t last = url.find_last_of('/');
    if (last == std::string_view::npos || last + 1 >= url.size()) {
        return std::nullopt;
    }
    const std::string_view repo = url.substr(last + 1);
    const std::string_view before = url.substr(0, last);
    const std::size_t owner_start = before.find_last_of("/:");
    if (owner_start == std::string_view::npos) {
        return std::nullopt;
    }
    const std::string_view owner = before.substr(owner_start + 1);
    if (owner.empty() || owner.find('@') != std::string_view::npos) {
        return std::nullopt;
    }
    return std::string(owner) + "/" + std::string(repo);
}

std::string DeriveRepositoryName(const std::string& root) {
    auto remote = Git(root, {"remote", "get-url", "origin"});
    if (remote && remote->exit_code == 0) {
        if (auto name = RepositoryNameFromUrl(remote->out)) {
            return *name;
        }
    }
    std::error_code ec;
    fs::path absolute = fs::weakly_canonical(fs::absolute(root, ec), ec);
    std::string name = absolute.filename().string();
    if (name.empty()) {
        name = absolute.parent_path().filename().string();
    }
    return "local/" + (name.empty() ? std::string("checkout") : name);
}

std::string GitBlobSha(std::string_view content) {
    const std::string header = "blob " + std::to_string(content.size()) + std::string(1, '\0');
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    EVP_MD_CTX* context = EVP_MD_CTX_new();
    EVP_DigestInit_ex(context, EVP_sha1(), nullptr);
    EVP_DigestUpdate(context, header.data(), header.size());
    EVP_DigestUpdate(context, content.data(), content.size());
    EVP_DigestFinal_ex(context, digest, &length);
    EVP_MD_CTX_free(context);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(static_cast<std::size_t>(length) * 2);
    for (unsigned int i = 0; i < length; ++i) {
        hex.push_back(kHex[digest[i] >> 4]);
        hex.push_back(kHex[digest[i] & 0x0F]);
    }
    return hex;
}

}  // namespace nectr::index
