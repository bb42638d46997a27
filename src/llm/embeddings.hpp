#pragma once

// The OpenAI-compatible embeddings wire format (POST {base}/embeddings, the base ending in
// /v1 as OPENAI_BASE_URL does), as spoken by OpenAI, Ollama, vLLM, llama.cpp's server and
// text-embeddings-inference: pure functions, like openai_codec.hpp.
#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "http/client.hpp"

namespace nectr::llm {

struct EmbeddingsEndpoint {
    std::string base_url;  // e.g. https://api.openai.com/v1, no trailing slash
    std::string api_key;   // sent as a bearer token when set
    std::string model;
    std::chrono::milliseconds timeout{120 * 1000};
};

using Vectors = std::vector<std::vector<float>>;

// The JSON body: {"model", "input": [texts], "encoding_format": "float"}.
std::string EncodeEmbeddingsRequest(std::string_view model, const std::vector<std::string>& texts);

// The whole POST, headers included.
http::OutboundRequest MakeEmbeddingsRequest(const EmbeddingsEndpoint& endpoint,
                                            const std::vector<std::string>& texts);

// A 200 body {"object":"list","data":[{"object":"embedding","index":i,"embedding":[...]}],
// "model","usage"}: one vector per input, placed by `index` (servers need not keep the order).
// kUpstream when it is not JSON, when an index is missing, repeated or out of range, when a
// vector is empty or holds a non-number, when the dimensions differ, or when there are not
// `expected` vectors.
core::Result<Vectors> DecodeEmbeddingsResponse(std::string_view body, std::size_t expected);

// A non-2xx answer: "embeddings: HTTP 401 invalid_request_error: ..." from
// {"error":{"message","type","code"}}, {"error":"message"} or a body that is not JSON.
core::Error DecodeEmbeddingsError(int status, std::string_view body);

// Any response: the vectors of a 200, the error of anything else.
core::Result<Vectors> ReadEmbeddingsResponse(const http::OutboundResponse& response,
                                             std::size_t expected);

// At most `max_bytes` of `text`, cut before a UTF-8 sequence rather than inside one. Pure.
std::string_view TruncateUtf8Bytes(std::string_view text, std::size_t max_bytes);

}  // namespace nectr::llm
