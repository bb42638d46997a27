#pragma once

#include "http/router.hpp"

namespace nectr::api {

// GET /: a small page naming the service, its version and its endpoints.
http::Handler MakeIndexHandler(std::string environment);

}  // namespace nectr::api
