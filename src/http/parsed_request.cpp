#include "http/parsed_request.hpp"

namespace nectr::http {

Request MakeRequest(boost::beast::http::request<boost::beast::http::string_body> message,
                    Target target) {
    Request request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    request.path = std::move(target.path);
    request.query = std::move(target.query);
    for (const auto& field : message) {
        request.headers.push_back({std::string(field.name_string()), std::string(field.value())});
    }
    request.body = std::move(message.body());
    return request;
}

}  // namespace nectr::http
