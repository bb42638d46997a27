#include "mcp/tool_schemas.hpp"

#include <boost/json/parse.hpp>

#include "core/error.hpp"

namespace nectr::mcp::schemas {

boost::json::object Parse(std::string_view text) {
    boost::system::error_code ec;
    boost::json::value value = boost::json::parse(text, ec);
    NECTR_ASSERT(!ec && value.is_object(), "a tool schema must be a JSON object");
    return value.as_object();
}

// Pieces shared by several schemas are spelled out in each: a schema is read as a whole.
const std::string_view kRecentReviewsInput = R"({
  "type": "object",
  "properties": {
    "repo": {"type": "string", "description": "The repository, as owner/name"},
    "limit": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10,
              "description": "How many reviews, newest first"}
  },
  "required": ["repo"]
})";

const std::string_view kRecentReviewsOutput = R"({
  "type": "object",
  "properties": {
    "repository": {"type": "string"},
    "reviews": {"type": "array", "items": {
      "type": "object",
      "properties": {
        "id": {"type": "integer"},
        "number": {"type": "integer", "description": "The pull request's number"},
        "title": {"type": ["string", "null"]},
        "author": {"type": ["string", "null"]},
        "head_sha": {"type": ["string", "null"]},
        "status": {"type": ["string", "null"],
                   "description": "running, ready, posted, skipped or failed"},
        "verdict": {"type": ["string", "null"],
                    "description": "APPROVE, REQUEST_CHANGES or NEEDS_DISCUSSION"},
        "summary": {"type": ["string", "null"]},
        "created_at": {"type": ["string", "null"], "description": "ISO 8601, UTC"},
        "completed_at": {"type": ["string", "null"], "description": "ISO 8601, UTC"},
        "comments": {"type": "object", "additionalProperties": {"type": "integer"},
                     "description": "Comment counts: total and per severity"}
      },
      "required": ["id", "number", "status", "verdict", "comments"]
    }}
  },
  "required": ["repository", "reviews"]
})";

const std::string_view kContributorStatsInput = R"({
  "type": "object",
  "properties": {
    "repo": {"type": "string", "description": "The repository, as owner/name"},
    "since": {"type": "string",
              "description": "Count reviews from this UTC date (2024-03-01) or date-time (2024-03-01T12:00:00Z); default: 30 days ago"}
  },
  "required": ["repo"]
})";

const std::string_view kContributorStatsOutput = R"({
  "type": "object",
  "properties": {
    "repository": {"type": "string"},
    "since": {"type": "string", "description": "ISO 8601, UTC"},
    "contributors": {"type": "array", "items": {
      "type": "object",
      "properties": {
        "author": {"type": "string"},
        "pull_requests": {"type": "integer"},
        "reviews": {"type": "integer"},
        "verdicts": {"type": "object", "additionalProperties": {"type": "integer"}},
        "comments": {"type": "object", "additionalProperties": {"type": "integer"}},
        "last_review_at": {"type": ["string", "null"]}
      },
      "required": ["author", "pull_requests", "reviews", "verdicts", "comments"]
    }}
  },
  "required": ["repository", "since", "contributors"]
})";

const std::string_view kPrVerdictInput = R"({
  "type": "object",
  "properties": {
    "repo": {"type": "string", "description": "The repository, as owner/name"},
    "number": {"type": "integer", "minimum": 1, "description": "The pull request's number"}
  },
  "required": ["repo", "number"]
})";

const std::string_view kPrVerdictOutput = R"({
  "type": "object",
  "properties": {
    "repository": {"type": "string"},
    "number": {"type": "integer"},
    "found": {"type": "boolean", "description": "Whether Nectr reviewed this pull request"},
    "title": {"type": ["string", "null"]},
    "author": {"type": ["string", "null"]},
    "verdict": {"type": ["string", "null"],
                "description": "The latest posted review's verdict"},
    "latest": {"type": ["object", "null"], "description": "The review the verdict comes from"},
    "comments": {"type": "array", "items": {"type": "object"}},
    "history": {"type": "array", "items": {"type": "object"},
                "description": "Every review run, newest first"}
  },
  "required": ["repository", "number", "found", "verdict", "comments", "history"]
})";

const std::string_view kRepoHealthInput = R"({
  "type": "object",
  "properties": {
    "repo": {"type": "string", "description": "The repository, as owner/name"}
  },
  "required": ["repo"]
})";

const std::string_view kRepoHealthOutput = R"({
  "type": "object",
  "properties": {
    "repository": {"type": "string"},
    "reviews": {"type": "object", "description": "What the stored reviews say",
      "properties": {
        "total": {"type": "integer"},
        "pull_requests": {"type": "integer"},
        "failed": {"type": "integer"},
        "last_7_days": {"type": "integer"},
        "last_30_days": {"type": "integer"},
        "last_review_at": {"type": ["string", "null"]},
        "verdicts_30_days": {"type": "object", "additionalProperties": {"type": "integer"}},
        "verdicts_all_time": {"type": "object", "additionalProperties": {"type": "integer"}},
        "comments_30_days": {"type": "object", "additionalProperties": {"type": "integer"}}
      },
      "required": ["total", "last_30_days", "verdicts_all_time"]},
    "graph": {"type": "object", "description": "What the knowledge graph says, when available",
      "properties": {
        "available": {"type": "boolean"},
        "note": {"type": "string"},
        "files": {"type": "integer"},
        "symbols": {"type": "integer"},
        "hotspots": {"type": "array", "items": {"type": "object"}},
        "indexed_at": {"type": ["string", "null"]},
        "notes": {"type": "array", "items": {"type": "string"}}
      },
      "required": ["available"]}
  },
  "required": ["repository", "reviews", "graph"]
})";

const std::string_view kSearchMemoryInput = R"({
  "type": "object",
  "properties": {
    "repo": {"type": "string", "description": "The repository, as owner/name"},
    "query": {"type": "string", "description": "What to look for"},
    "limit": {"type": "integer", "minimum": 1, "maximum": 20, "default": 5}
  },
  "required": ["repo", "query"]
})";

const std::string_view kSearchMemoryOutput = R"({
  "type": "object",
  "properties": {
    "repository": {"type": "string"},
    "query": {"type": "string"},
    "results": {"type": "array", "items": {
      "type": "object",
      "properties": {
        "id": {"type": "string"},
        "kind": {"type": "string"},
        "text": {"type": "string"},
        "score": {"type": "number"},
        "source": {"type": "string"}
      },
      "required": ["id", "text", "score"]
    }}
  },
  "required": ["repository", "query", "results"]
})";

const std::string_view kFileExpertsInput = R"({
  "type": "object",
  "properties": {
    "repo": {"type": "string", "description": "The repository, as owner/name"},
    "paths": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 20,
              "description": "Paths in the repository"}
  },
  "required": ["repo", "paths"]
})";

const std::string_view kFileExpertsOutput = R"({
  "type": "object",
  "properties": {
    "repository": {"type": "string"},
    "files": {"type": "array", "items": {
      "type": "object",
      "properties": {
        "path": {"type": "string"},
        "experts": {"type": "array", "items": {
          "type": "object",
          "properties": {
            "login": {"type": "string"},
            "score": {"type": "number"},
            "changes": {"type": "integer"},
            "reviews": {"type": "integer"},
            "last_touched_at": {"type": ["string", "null"]}
          },
          "required": ["login", "score"]
        }}
      },
      "required": ["path", "experts"]
    }}
  },
  "required": ["repository", "files"]
})";

const std::string_view kReviewDiffInput = R"({
  "type": "object",
  "properties": {
    "diff": {"type": "string",
             "description": "A unified diff (git diff output), at most 1 MiB"}
  },
  "required": ["diff"]
})";

const std::string_view kReviewDiffOutput = R"({
  "type": "object",
  "properties": {
    "summary": {"type": "string"},
    "verdict": {"type": "string", "description": "APPROVE, REQUEST_CHANGES or NEEDS_DISCUSSION"},
    "comments": {"type": "array", "items": {
      "type": "object",
      "properties": {
        "path": {"type": "string"},
        "line": {"type": "integer"},
        "severity": {"type": "string"},
        "category": {"type": "string"},
        "body": {"type": "string"},
        "source": {"type": "string"},
        "suggestion": {"type": ["string", "null"]}
      },
      "required": ["path", "line", "severity", "body"]
    }},
    "files": {"type": "array", "items": {"type": "string"}},
    "notes": {"type": "array", "items": {"type": "string"}},
    "not_covered": {"type": "array", "items": {"type": "string"}},
    "used_model": {"type": "boolean"},
    "model": {"type": "string"}
  },
  "required": ["summary", "verdict", "comments", "files", "used_model"]
})";

}  // namespace nectr::mcp::schemas
