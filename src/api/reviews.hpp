#pragma once

#include "api/read_deps.hpp"
#include "http/router.hpp"

namespace nectr::api {

// GET /api/v1/reviews?repo=&status=&verdict=&author=&limit=&cursor=: the caller's reviews
// (those of the repositories user_repositories gives them), newest first, by pages (see
// ParseReviewFilter, RenderReviewPage). 401 (with WWW-Authenticate) without a caller, 503
// when the caller cannot be found, 400 for a bad parameter, 503 when the database is down,
// else 200. A repo filter outside the caller's repositories lists nothing.
http::Handler MakeReviewListHandler(ReadApiDeps deps);

// GET /api/v1/reviews/{id}: one review with its body, details, comments and model calls (see
// RenderReviewDetail). 401 without a caller; 400 when the id is not a positive integer; 404,
// with one body, for an id that does not exist and for a review of a repository the caller
// does not reach; 503 when the database is down; else 200.
http::Handler MakeReviewHandler(ReadApiDeps deps);

}  // namespace nectr::api
