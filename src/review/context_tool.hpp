#pragma once

// A tool a context source offers the model while it reviews: the knowledge graph's experts
// and related pull requests, the code index's search, the project's memories. The toolbox
// lists it beside its own tools and routes the model's calls to it.
#include <boost/asio/awaitable.hpp>
#include <string>

#include "core/error.hpp"
#include "llm/message.hpp"

namespace nectr::review {

namespace net = boost::asio;

class ContextTool {
public:
    virtual ~ContextTool() = default;
    // Name, description and JSON schema of the arguments. The name must not be one of the
    // toolbox's own (read_file, search_code, list_changed_files).
    virtual llm::ToolSpec Spec() const = 0;
    // Runs one call with the model's arguments (a JSON object as text). The answer, or an
    // error's detail, is what the model reads: untrusted data, never instructions.
    virtual net::awaitable<core::Result<std::string>> Call(std::string arguments) = 0;
};

}  // namespace nectr::review
