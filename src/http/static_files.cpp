#include "http/static_files.hpp"

#include <array>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

namespace nectr::http {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";
constexpr std::string_view kNoCache = "no-cache";

struct TypeByExtension {
    std::string_view extension;
    std::string_view content_type;
};

constexpr std::array<TypeByExtension, 17> kTypes{{
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".webmanifest", "application/manifest+json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".webp", "image/webp"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".woff", "font/woff"},
    {".txt", "text/plain; charset=utf-8"},
}};

core::Result<std::string> ReadWhole(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        return core::Error{core::Errc::kUnavailable, "cannot read " + file.string()};
    }
    std::ostringstream content;
    content << in.rdbuf();
    if (in.bad()) {
        return core::Error{core::Errc::kUnavailable, "cannot read " + file.string()};
    }
    return std::move(content).str();
}

bool StartsWithSegment(std::string_view path, std::string_view prefix) {
    return path == prefix ||
           (path.starts_with(prefix) && path.size() > prefix.size() && path[prefix.size()] == '/');
}

bool LastSegmentNamesFile(std::string_view path) {
    const std::size_t slash = path.rfind('/');
    const std::string_view last = slash == std::string_view::npos ? path : path.substr(slash + 1);
    return last.find('.') != std::string_view::npos;
}

Response FileResponse(const StaticFile& file, std::string_view cache_control) {
    Response response = Response::Text(200, file.body, file.content_type);
    response.SetHeader("Cache-Control", std::string(cache_control));
    response.SetHeader("X-Content-Type-Options", "nosniff");
    return response;
}

}  // namespace

std::string_view ContentTypeFor(std::string_view file_name) {
    for (const TypeByExtension& type : kTypes) {
        if (file_name.size() > type.extension.size() && file_name.ends_with(type.extension)) {
            return type.content_type;
        }
    }
    return "application/octet-stream";
}

bool IsServerPath(std::string_view path) {
    for (std::string_view prefix : {"/api", "/auth", "/mcp", "/health", "/metrics"}) {
        if (StartsWithSegment(path, prefix)) {
            return true;
        }
    }
    return false;
}

core::Result<std::shared_ptr<const StaticSite>> StaticSite::Load(const fs::path& root) {
    std::error_code ec;
    if (!fs::is_regular_file(root / "index.html", ec)) {
        return core::Error{core::Errc::kNotFound, "no index.html in " + root.string()};
    }
    auto site = std::make_shared<StaticSite>();
    fs::recursive_directory_iterator it(root, fs::directory_options::none, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (!it->is_regular_file(ec) || it->is_symlink(ec)) {
            continue;
        }
        core::Result<std::string> body = ReadWhole(it->path());
        if (!body) {
            return body.error();
        }
        std::string key = "/" + fs::relative(it->path(), root, ec).generic_string();
        site->files_[std::move(key)] = StaticFile{
            std::string(ContentTypeFor(it->path().filename().string())), std::move(*body)};
    }
    if (ec) {
        return core::Error{core::Errc::kUnavailable,
                           "cannot list " + root.string() + ": " + ec.message()};
    }
    return std::shared_ptr<const StaticSite>(std::move(site));
}

const StaticFile* StaticSite::Find(std::string_view path) const {
    auto found = files_.find(path);
    return found == files_.end() ? nullptr : &found->second;
}

Handler MakeStaticSiteHandler(std::shared_ptr<const StaticSite> site) {
    return [site = std::move(site)](Request request) -> net::awaitable<Response> {
        const std::string& path = request.path;
        if (path == "/") {
            co_return FileResponse(site->Index(), kNoCache);
        }
        if (const StaticFile* file = site->Find(path)) {
            const bool hashed = StartsWithSegment(path, "/assets");
            co_return FileResponse(*file, hashed ? kImmutable : kNoCache);
        }
        // Browsers ask for text/html when they navigate; scripts and API clients that hit an
        // unknown path get the plain 404 they would get without the dashboard.
        const bool navigation =
            request.Header("Accept").value_or("").find("text/html") != std::string_view::npos;
        if (!navigation || StartsWithSegment(path, "/assets") || IsServerPath(path) ||
            LastSegmentNamesFile(path)) {
            co_return ErrorResponse(404, "not_found", "no route matches this path");
        }
        co_return FileResponse(site->Index(), kNoCache);
    };
}

}  // namespace nectr::http
