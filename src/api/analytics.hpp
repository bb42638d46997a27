#pragma once

#include "api/read_deps.hpp"
#include "http/router.hpp"

namespace nectr::api {

// GET /api/v1/analytics?repo=&since=: figures of the caller's reviews created since `since`
// (default 30 days ago), over every repository they reach or `repo` alone (see
// ParseAnalyticsQuery, RenderAnalytics). 401 without a caller, 400 for a bad parameter, 404
// for a repository the caller does not reach (existing or not), 503 when the database is
// down, else 200.
http::Handler MakeAnalyticsHandler(ReadApiDeps deps);

}  // namespace nectr::api
