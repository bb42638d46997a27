#pragma once

// A browser for sign-in tests: sends requests with libcurl over loopback, follows no
// redirects by itself, and keeps cookies the way a browser does (per path, Max-Age=0
// deletes), so that a test sees every Set-Cookie line and which cookies travel where.
//
// The server under test knows itself by a public URL (BACKEND_URL, e.g. http://nectr.test)
// while it listens on 127.0.0.1:<port>; Send() maps the public URL to the real one, as a
// reverse proxy would.
#include <curl/curl.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace nectr::auth::testing {

struct SetCookie {
    std::string name;
    std::string value;
    std::map<std::string, std::string> attributes;  // names lower-cased; flags map to ""
    bool Has(const std::string& attribute) const { return attributes.count(attribute) != 0; }
    std::string Attribute(const std::string& attribute) const {
        auto found = attributes.find(attribute);
        return found == attributes.end() ? "" : found->second;
    }
};

struct BrowserResponse {
    long status = 0;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased, in order
    std::vector<SetCookie> set_cookies;
    std::string error;  // curl's message when no response came

    std::optional<std::string> Header(const std::string& lower_name) const {
        for (const auto& [name, value] : headers) {
            if (name == lower_name) {
                return value;
            }
        }
        return std::nullopt;
    }
    std::optional<SetCookie> CookieSet(const std::string& name) const {
        for (const SetCookie& cookie : set_cookies) {
            if (cookie.name == name) {
                return cookie;
            }
        }
        return std::nullopt;
    }
};

inline std::string LowerCase(std::string text) {
    for (char& c : text) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return text;
}

inline std::string TrimmedCopy(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\r' || text.back() == '\n')) {
        text.remove_suffix(1);
    }
    return std::string(text);
}

inline SetCookie ParseSetCookie(std::string_view line) {
    SetCookie cookie;
    bool first = true;
    while (!line.empty()) {
        const std::size_t end = line.find(';');
        const std::string part = TrimmedCopy(line.substr(0, end));
        line = end == std::string_view::npos ? std::string_view() : line.substr(end + 1);
        const std::size_t equals = part.find('=');
        const std::string key = part.substr(0, equals);
        const std::string value = equals == std::string::npos ? "" : part.substr(equals + 1);
        if (first) {
            cookie.name = key;
            cookie.value = value;
            first = false;
        } else {
            cookie.attributes[LowerCase(key)] = value;
        }
    }
    return cookie;
}

class Browser {
public:
    // `public_base` is how the server names itself; `real_base` where it listens.
    Browser(std::string public_base, std::string real_base)
        : public_base_(std::move(public_base)), real_base_(std::move(real_base)) {}

    BrowserResponse Get(const std::string& url,
                        std::vector<std::pair<std::string, std::string>> headers = {}) {
        return Send("GET", url, "", std::move(headers));
    }

    // `url` may be public (http://nectr.test/...), real, or a path on the server.
    BrowserResponse Send(const std::string& method, std::string url, const std::string& body,
                         std::vector<std::pair<std::string, std::string>> headers) {
        if (!url.empty() && url.front() == '/') {
            url = public_base_ + url;
        }
        if (url.rfind(public_base_, 0) == 0) {
            url = real_base_ + url.substr(public_base_.size());
        }
        if (std::string cookies = CookieHeaderFor(url); !cookies.empty()) {
            headers.emplace_back("Cookie", cookies);
        }
        BrowserResponse response = Exchange(method, url, body, headers);
        for (const SetCookie& cookie : response.set_cookies) {
            Store(cookie, url);
        }
        return response;
    }

    std::optional<std::string> Cookie(const std::string& name) const {
        for (const auto& [key, value] : jar_) {
            if (key.second == name) {
                return value;
            }
        }
        return std::nullopt;
    }
    void SetCookieValue(const std::string& name, const std::string& value,
                        const std::string& path = "/") {
        jar_[{path, name}] = value;
    }
    void ForgetCookies() { jar_.clear(); }

private:
    static std::string PathOf(const std::string& url) {
        const std::size_t scheme = url.find("://");
        const std::size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
        if (slash == std::string::npos) {
            return "/";
        }
        return url.substr(slash, url.find('?', slash) - slash);
    }

    // RFC 6265 path-match: the same path, or a prefix followed by '/'.
    static bool PathMatches(const std::string& request_path, const std::string& cookie_path) {
        if (request_path.rfind(cookie_path, 0) != 0) {
            return false;
        }
        return request_path.size() == cookie_path.size() || cookie_path.back() == '/' ||
               request_path[cookie_path.size()] == '/';
    }

    std::string CookieHeaderFor(const std::string& url) const {
        // Longer paths first, as browsers send them.
        std::vector<std::pair<std::string, std::string>> matching;
        for (auto it = jar_.rbegin(); it != jar_.rend(); ++it) {
            if (PathMatches(PathOf(url), it->first.first)) {
                matching.emplace_back(it->first.second, it->second);
            }
        }
        std::string header;
        for (const auto& [name, value] : matching) {
            header += (header.empty() ? "" : "; ") + name + "=" + value;
        }
        return header;
    }

    void Store(const SetCookie& cookie, const std::string& url) {
        std::string path = cookie.Attribute("path");
        if (path.empty()) {
            path = PathOf(url);
        }
        const bool deleted = cookie.Has("max-age") && std::stol(cookie.Attribute("max-age")) <= 0;
        if (deleted) {
            jar_.erase({path, cookie.name});
        } else {
            jar_[{path, cookie.name}] = cookie.value;
        }
    }

    static size_t OnBody(char* data, size_t size, size_t count, void* out) {
        static_cast<std::string*>(out)->append(data, size * count);
        return size * count;
    }
    static size_t OnHeader(char* data, size_t size, size_t count, void* out) {
        auto* response = static_cast<BrowserResponse*>(out);
        std::string_view line(data, size * count);
        if (line.rfind("HTTP/", 0) == 0) {
            response->headers.clear();
            response->set_cookies.clear();
        } else if (const std::size_t colon = line.find(':'); colon != std::string_view::npos) {
            std::string name = LowerCase(std::string(line.substr(0, colon)));
            std::string value = TrimmedCopy(line.substr(colon + 1));
            if (name == "set-cookie") {
                response->set_cookies.push_back(ParseSetCookie(value));
            }
            response->headers.emplace_back(std::move(name), std::move(value));
        }
        return size * count;
    }

    static BrowserResponse Exchange(
        const std::string& method, const std::string& url, const std::string& body,
        const std::vector<std::pair<std::string, std::string>>& headers) {
        BrowserResponse response;
        CURL* curl = curl_easy_init();
        curl_slist* list = nullptr;
        for (const auto& [name, value] : headers) {
            list = curl_slist_append(list, (name + ": " + value).c_str());
        }
        curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
        curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
        if (method == "POST" || !body.empty()) {
            curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.c_str());
            curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
        }
        curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
        curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, &Browser::OnBody);
        curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response.body);
        curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, &Browser::OnHeader);
        curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);
        curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 15000L);
        curl_easy_setopt(curl, CURLOPT_NOPROXY, "*");
        const CURLcode code = curl_easy_perform(curl);
        if (code == CURLE_OK) {
            curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
        } else {
            response.error = curl_easy_strerror(code);
        }
        curl_slist_free_all(list);
        curl_easy_cleanup(curl);
        return response;
    }

    std::string public_base_;
    std::string real_base_;
    std::map<std::pair<std::string, std::string>, std::string> jar_;  // (path, name) -> value
};

}  // namespace nectr::auth::testing
