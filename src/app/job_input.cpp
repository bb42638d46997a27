#include "app/job_input.hpp"

#include <boost/json.hpp>

#include "core/json_fields.hpp"

namespace nectr::app {

namespace json = boost::json;

core::Result<ReviewJobInput> ReadInput(const queue::Job& job) {
    boost::system::error_code error;
    json::value value = json::parse(job.payload, error);
    if (error || !value.is_object()) {
        return core::MakeError(core::Errc::kInvalidInput, "the job's payload is not a JSON object");
    }
    const json::object& payload = value.get_object();
    ReviewJobInput input;
    input.repository = core::StringAt(payload, "repository");
    if (input.repository.empty()) {
        input.repository = job.repo_full_name;
    }
    input.pr_number = static_cast<int>(
        core::OptionalIntAt(payload, "pr_number").value_or(job.pr_number.value_or(0)));
    input.head_sha = core::StringAt(payload, "head_sha");
    input.action = core::StringAt(payload, "action");
    input.installation_id = core::OptionalIntAt(payload, "installation_id");
    input.comment_id = core::OptionalIntAt(payload, "comment_id");
    if (input.repository.empty() || input.pr_number <= 0) {
        return core::MakeError(core::Errc::kInvalidInput,
                               "the job names no repository and pull request");
    }
    return input;
}

std::optional<std::int64_t> PayloadInt(const queue::Job& job, std::string_view key) {
    boost::system::error_code error;
    const json::value value = json::parse(job.payload, error);
    if (error || !value.is_object()) {
        return std::nullopt;
    }
    return core::OptionalIntAt(value.get_object(), key);
}

}  // namespace nectr::app
