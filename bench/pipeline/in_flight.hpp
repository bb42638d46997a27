#pragma once

#include <cstddef>
#include <cstdio>
#include <string>

#include "synthetic_pr.hpp"

namespace nectr::bench {

struct InFlightOptions {
    int reviews = 100;
    std::string model_url;  // an OpenAI-compatible base URL, e.g. http://127.0.0.1:PORT/v1
    int model_delay_s = 5;  // what the server was started with, for the report only
    PrShape shape;
    // The curl client's connection limits (per host and in all); 0 keeps the production
    // defaults of http::ClientOptions.
    std::size_t max_connections = 0;
    int timeout_s = 300;  // the provider's timeout per model call
};

// Part B: starts `reviews` reviews at once on one io_context thread, through the real
// OpenAI-compatible provider and libcurl client, and reports wall time, completions, errors
// and this process's memory. Writes one JSON line to `json` when it is not null. Returns 0 when
// every review completed.
int RunInFlight(const InFlightOptions& options, std::FILE* json);
void PrintInFlightHeader();

}  // namespace nectr::bench
