#pragma once

// What a server offers: tools (called with JSON arguments, answering JSON) and resources (read
// by URI). The dispatcher lists and calls them; each knows nothing of JSON-RPC.
#include <boost/asio/awaitable.hpp>
#include <boost/json/object.hpp>
#include <functional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "mcp/access.hpp"

namespace nectr::mcp {

namespace net = boost::asio;

// A tool's answer is a JSON object (its structured output); an error becomes a result with
// isError and the error's detail as text, which the model can read and act on.
using ToolFunction = std::function<net::awaitable<core::Result<boost::json::object>>(
    boost::json::object arguments, Access access)>;

struct ToolDefinition {
    std::string name;
    std::string title;
    std::string description;
    boost::json::object input_schema;   // JSON Schema of the arguments (type object)
    boost::json::object output_schema;  // JSON Schema of the structured output (type object)
    ToolFunction call;
};

struct ResourceEntry {
    std::string uri;
    std::string name;
    std::string title;
    std::string description;
    std::string mime_type;
};

struct ResourceTemplateEntry {
    std::string uri_template;  // RFC 6570, "nectr://repos/{owner}/{repo}/project-map"
    std::string name;
    std::string title;
    std::string description;
    std::string mime_type;
};

struct ResourceContents {
    std::string uri;
    std::string mime_type;
    std::string text;
};

// The resources of a server, scoped to the caller.
class ResourceCatalog {
public:
    virtual ~ResourceCatalog() = default;
    virtual net::awaitable<core::Result<std::vector<ResourceEntry>>> List(Access access) = 0;
    virtual std::vector<ResourceTemplateEntry> Templates() const = 0;
    // kNotFound for a URI that names nothing the caller may read (the dispatcher answers
    // MCP's "resource not found"); other errors for failures.
    virtual net::awaitable<core::Result<ResourceContents>> Read(std::string uri, Access access) = 0;
};

}  // namespace nectr::mcp
