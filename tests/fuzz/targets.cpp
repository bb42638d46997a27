#include "entries.hpp"

namespace nectr::fuzz {

const std::vector<Target>& Targets() {
    static const std::vector<Target> targets = {
        {"diff_parser", FuzzDiffParser}, {"webhook", FuzzWebhook},
        {"json_rpc", FuzzJsonRpc},       {"http_request", FuzzHttpRequest},
        {"repo_config", FuzzRepoConfig}, {"model_output", FuzzModelOutput},
    };
    return targets;
}

}  // namespace nectr::fuzz
