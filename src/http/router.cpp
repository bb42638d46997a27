#include "http/router.hpp"

#include <algorithm>
#include <set>

namespace nectr::http {
namespace {

// "/a/b" -> {"a", "b"}; "/" -> {""}; "/a/" -> {"a", ""}. The caller checks the leading '/'.
std::vector<std::string_view> SplitPath(std::string_view path) {
    std::vector<std::string_view> parts;
    path.remove_prefix(1);
    for (;;) {
        auto slash = path.find('/');
        parts.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) {
            break;
        }
        path.remove_prefix(slash + 1);
    }
    return parts;
}

bool IsValidParamName(std::string_view name) {
    return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_';
    });
}

}  // namespace

std::vector<Router::Segment> Router::Compile(std::string_view pattern) {
    NECTR_ASSERT(!pattern.empty() && pattern.front() == '/', "a route pattern starts with '/'");
    std::vector<Segment> segments;
    std::vector<std::string_view> parts = SplitPath(pattern);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        std::string_view part = parts[i];
        if (part.size() >= 2 && part.front() == '{' && part.back() == '}') {
            std::string_view name = part.substr(1, part.size() - 2);
            bool catch_all = name.size() > 3 && name.ends_with("...");
            if (catch_all) {
                name.remove_suffix(3);
                NECTR_ASSERT(i + 1 == parts.size(), "a {rest...} catch-all must be last");
            }
            NECTR_ASSERT(IsValidParamName(name), "a route parameter is named [A-Za-z0-9_]+");
            segments.push_back(
                {catch_all ? SegmentKind::kCatchAll : SegmentKind::kParam, std::string(name)});
            continue;
        }
        NECTR_ASSERT(part.find_first_of("{}") == std::string_view::npos,
                     "braces in a route pattern must enclose a whole segment");
        segments.push_back({SegmentKind::kLiteral, std::string(part)});
    }
    return segments;
}

void Router::Add(Route route) {
    std::vector<Segment> segments = Compile(route.pattern);
    for (const auto& existing : routes_) {
        NECTR_ASSERT(
            existing.route.method != route.method || existing.route.pattern != route.pattern,
            "each method + pattern is declared once");
    }
    routes_.push_back({std::move(route), std::move(segments)});
}

void Router::SetFallback(Route route) {
    NECTR_ASSERT(route.method == "GET", "the fallback route answers GET (and HEAD)");
    fallback_ = std::move(route);
}

bool Router::Match(const std::vector<Segment>& segments, const std::vector<std::string_view>& parts,
                   std::map<std::string, std::string>* params) {
    for (std::size_t i = 0; i < segments.size(); ++i) {
        const Segment& segment = segments[i];
        if (segment.kind == SegmentKind::kCatchAll) {
            if (i >= parts.size()) {
                return false;
            }
            if (params != nullptr) {
                // The parts are views into one path string, so the remainder is contiguous.
                const char* begin = parts[i].data();
                const char* end = parts.back().data() + parts.back().size();
                (*params)[segment.text] = std::string(begin, end);
            }
            return true;
        }
        if (i >= parts.size()) {
            return false;
        }
        if (segment.kind == SegmentKind::kLiteral) {
            if (parts[i] != segment.text) {
                return false;
            }
        } else {
            if (parts[i].empty()) {
                return false;
            }
            if (params != nullptr) {
                (*params)[segment.text] = std::string(parts[i]);
            }
        }
    }
    return segments.size() == parts.size();
}

bool Router::MoreSpecific(const std::vector<Segment>& a, const std::vector<Segment>& b) {
    const std::size_t common = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < common; ++i) {
        if (a[i].kind != b[i].kind) {
            return a[i].kind > b[i].kind;
        }
    }
    // Same kinds so far: the longer pattern spelled out more of the path.
    return a.size() > b.size();
}

std::optional<RouteMatch> Router::Find(std::string_view method, std::string_view path,
                                       bool* path_exists_for_other_method) const {
    if (path_exists_for_other_method != nullptr) {
        *path_exists_for_other_method = false;
    }
    if (path.empty() || path.front() != '/') {
        return std::nullopt;
    }
    const std::vector<std::string_view> parts = SplitPath(path);
    const bool head_has_own_route =
        method == "HEAD" && std::any_of(routes_.begin(), routes_.end(), [&](const auto& r) {
            return r.route.method == "HEAD" && Match(r.segments, parts, nullptr);
        });
    const CompiledRoute* best = nullptr;
    bool other_method = false;
    for (const auto& candidate : routes_) {
        if (!Match(candidate.segments, parts, nullptr)) {
            continue;
        }
        const bool method_fits =
            candidate.route.method == method ||
            (method == "HEAD" && !head_has_own_route && candidate.route.method == "GET");
        if (!method_fits) {
            other_method = true;
            continue;
        }
        if (best == nullptr || MoreSpecific(candidate.segments, best->segments)) {
            best = &candidate;
        }
    }
    if (best == nullptr && !other_method && fallback_ && (method == "GET" || method == "HEAD")) {
        RouteMatch match;
        match.route = &*fallback_;
        return match;
    }
    if (best == nullptr) {
        if (path_exists_for_other_method != nullptr) {
            *path_exists_for_other_method = other_method;
        }
        return std::nullopt;
    }
    RouteMatch match;
    match.route = &best->route;
    Match(best->segments, parts, &match.params);
    return match;
}

std::vector<std::string> Router::AllowedMethods(std::string_view path) const {
    if (path.empty() || path.front() != '/') {
        return {};
    }
    const std::vector<std::string_view> parts = SplitPath(path);
    std::set<std::string> methods;
    for (const auto& candidate : routes_) {
        if (Match(candidate.segments, parts, nullptr)) {
            methods.insert(candidate.route.method);
            if (candidate.route.method == "GET") {
                methods.insert("HEAD");
            }
        }
    }
    return {methods.begin(), methods.end()};
}

}  // namespace nectr::http
