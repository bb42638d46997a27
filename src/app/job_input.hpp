#pragma once

// What a pull-request job's payload names (see webhooks/job_request.cpp): the review, help
// reply and index_pr jobs read it the same way.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"
#include "queue/job.hpp"

namespace nectr::app {

struct ReviewJobInput {
    std::string repository;
    int pr_number = 0;
    std::string head_sha;  // empty for a /nectr review command: review the current head
    std::string action;    // "opened", "synchronize", "created" (a command), ...
    std::optional<std::int64_t> installation_id;
    std::optional<std::int64_t> comment_id;
};

// kInvalidInput when the payload is not JSON or names no repository and pull request.
core::Result<ReviewJobInput> ReadInput(const queue::Job& job);

// An integer field of the job's payload beside those above ("review_id", "in_reply_to_id");
// nullopt when the payload is not an object or the field is absent or not an integer.
std::optional<std::int64_t> PayloadInt(const queue::Job& job, std::string_view key);

}  // namespace nectr::app
