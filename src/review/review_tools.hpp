#pragma once

// The tools the model may call while it reviews: read more of a file, search the code it can
// see, list the change's files. Later context sources (graph, memory, code index) add theirs.
#include <boost/asio/awaitable.hpp>
#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "llm/message.hpp"
#include "review/change.hpp"
#include "review/context_tool.hpp"

namespace nectr::review {

class ReviewToolbox {
public:
    // `contents` maps changed paths to their new text where it was loaded; search_code looks
    // there. `files` are the files under review. `extra` are the context sources' tools. All
    // of them must outlive the toolbox.
    ReviewToolbox(CodeHost& code, const ChangeInfo& change, const std::vector<FileDiff>& files,
                  const std::map<std::string, std::string>& contents,
                  std::vector<ContextTool*> extra = {});

    // The tool definitions to offer the model.
    std::vector<llm::ToolSpec> Specs() const;

    // Runs one call; an error's detail is what the model reads.
    net::awaitable<core::Result<std::string>> Execute(llm::ToolCall call);

private:
    net::awaitable<core::Result<std::string>> ReadFile(const std::string& arguments);
    core::Result<std::string> SearchCode(const std::string& arguments) const;
    std::string ListChangedFiles() const;

    CodeHost& code_;
    const ChangeInfo& change_;
    const std::vector<FileDiff>& files_;
    const std::map<std::string, std::string>& contents_;
    std::vector<ContextTool*> extra_;
};

// Lines [start, end] (1-based, inclusive, clamped) of `text`, each prefixed with its number.
std::string NumberedLines(std::string_view text, int start, int end);

}  // namespace nectr::review
