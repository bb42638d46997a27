#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "http/router.hpp"

namespace nectr::http {

// One file of a built web application, read once at start-up.
struct StaticFile {
    std::string content_type;
    std::string body;
};

// A snapshot of a directory of built files (the dashboard's web/dist), served from memory.
// Only files found when it was loaded are ever served, so no request path can reach outside
// the directory; a rebuild shows after a restart.
class StaticSite {
public:
    // Reads every regular file under `root` (symbolic links are not followed). kNotFound when
    // `root` holds no index.html; kUnavailable when a file cannot be read.
    static core::Result<std::shared_ptr<const StaticSite>> Load(const std::filesystem::path& root);

    // The file at a decoded request path ("/assets/app-1f2e.js"); null when there is none.
    const StaticFile* Find(std::string_view path) const;
    const StaticFile& Index() const { return files_.at("/index.html"); }
    std::size_t Size() const { return files_.size(); }

private:
    std::map<std::string, StaticFile, std::less<>> files_;  // keyed by "/relative/path"
};

// The Content-Type for a file name, by extension; application/octet-stream when unknown.
std::string_view ContentTypeFor(std::string_view file_name);

// Whether a path belongs to the server's own endpoints (/api, /auth, /mcp, /health,
// /metrics), which never fall back to the web application's page.
bool IsServerPath(std::string_view path);

// GET handler for the web application, for "/" and for the router's fallback:
//   - "/" and the site's files: served, with `Cache-Control: public, max-age=31536000,
//     immutable` under /assets/ (their names carry a content hash), `no-cache` elsewhere;
//   - a navigation (Accept names text/html) to any other path outside /assets/ and the
//     server's own paths, whose last segment names no file: index.html with `no-cache`, so
//     that client-side routes load the application;
//   - anything else: the usual 404 JSON.
Handler MakeStaticSiteHandler(std::shared_ptr<const StaticSite> site);

}  // namespace nectr::http
