#include "http/exchange.hpp"

#include <gtest/gtest.h>

#include <boost/json/parse.hpp>

namespace nectr::http {
namespace {

int CountHeaders(const Response& response, std::string_view lower_name) {
    int count = 0;
    for (const auto& header : response.headers) {
        std::string name = header.name;
        for (char& c : name) {
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        count += name == lower_name ? 1 : 0;
    }
    return count;
}

TEST(HttpExchangeTest, FinalizeAddsServerHeadersAndTheTrueLength) {
    Response response = Response::Json(200, R"({"ok":true})");
    response.SetHeader("Content-Length", "999").SetHeader("Connection", "upgrade");
    response.SetHeader("X-Request-Id", "spoofed");
    FinalizeResponse(response, "req-1");
    EXPECT_EQ(response.Header("Content-Length"), "11");
    EXPECT_EQ(CountHeaders(response, "content-length"), 1) << "the handler's length must go";
    EXPECT_EQ(CountHeaders(response, "connection"), 0) << "the server decides keep-alive";
    EXPECT_EQ(response.Header("X-Request-Id"), "req-1");
    EXPECT_EQ(CountHeaders(response, "x-request-id"), 1);
    EXPECT_EQ(response.Header("Server"), "nectr");
    EXPECT_EQ(response.Header("Content-Type"), "application/json");
}

TEST(HttpExchangeTest, FinalizeDefaultsTheContentTypeToPlainText) {
    Response response;
    response.body = "hello";
    FinalizeResponse(response, "id");
    EXPECT_EQ(response.Header("Content-Type"), "text/plain; charset=utf-8");
}

TEST(HttpExchangeTest, FinalizeStripsTheBodyAndLengthOfNoContent) {
    Response response = Response::Text(204, "should vanish");
    FinalizeResponse(response, "id");
    EXPECT_TRUE(response.body.empty());
    EXPECT_FALSE(response.Header("Content-Length").has_value());
}

TEST(HttpExchangeTest, FinalizeTurnsAnImpossibleStatusIntoA500) {
    for (int status : {0, 42, 101, 600}) {
        Response response = Response::Text(status, "x");
        FinalizeResponse(response, "id");
        EXPECT_EQ(response.status, 500) << status;
        EXPECT_EQ(boost::json::parse(response.body).at("error").at("code").as_string(), "internal");
    }
}

TEST(HttpExchangeTest, LabelsUnknownMethodsAsOther) {
    EXPECT_EQ(MethodLabel("GET"), "GET");
    EXPECT_EQ(MethodLabel("PATCH"), "PATCH");
    EXPECT_EQ(MethodLabel("BREW"), "OTHER") << "clients must not mint label values";
    EXPECT_EQ(MethodLabel("get"), "OTHER");
}

TEST(HttpExchangeTest, RecordsTheCounterAndHistogramOfAnExchange) {
    core::Metrics metrics;
    DeclareServerMetrics(metrics);
    RecordExchange(metrics, {.method = "POST",
                             .path = "/repos",
                             .route = "/repos",
                             .status = 201,
                             .duration_seconds = 0.003,
                             .bytes_in = 10,
                             .bytes_out = 20,
                             .request_id = "id",
                             .remote = "127.0.0.1"});
    std::string text = metrics.RenderPrometheus();
    EXPECT_NE(
        text.find(R"(nectr_http_requests_total{method="POST",route="/repos",status="201"} 1)"),
        std::string::npos)
        << text;
    EXPECT_NE(
        text.find(R"(nectr_http_request_duration_seconds_bucket{route="/repos",le="0.0025"} 0)"),
        std::string::npos)
        << text;
    EXPECT_NE(
        text.find(R"(nectr_http_request_duration_seconds_bucket{route="/repos",le="0.005"} 1)"),
        std::string::npos)
        << text;
}

TEST(HttpExchangeTest, FinalizeDropsHeadersThatCouldInjectOthers) {
    Response response = Response::Text(200, "x");
    response.SetHeader("X-Evil", "a\r\nSet-Cookie: session=stolen");
    response.SetHeader("Bad Name", "v");
    response.SetHeader("X-Fine", "ok value");
    FinalizeResponse(response, "id");
    EXPECT_FALSE(response.Header("X-Evil").has_value()) << "CR/LF in a value must not pass";
    EXPECT_FALSE(response.Header("Bad Name").has_value()) << "a name must be a token";
    EXPECT_EQ(response.Header("X-Fine"), "ok value");
    EXPECT_EQ(SerializeHead(response, 1, true).find("Set-Cookie"), std::string::npos);
}

TEST(HttpExchangeTest, SerializesTheHeadWithTheConnectionDecision) {
    Response response = Response::Text(404, "nope");
    FinalizeResponse(response, "rid");
    const std::string kept = SerializeHead(response, 1, /*keep_alive=*/true);
    EXPECT_TRUE(kept.starts_with("HTTP/1.1 404 Not Found\r\n")) << kept;
    EXPECT_NE(kept.find("\r\nContent-Length: 4\r\n"), std::string::npos) << kept;
    EXPECT_NE(kept.find("\r\nX-Request-Id: rid\r\n"), std::string::npos) << kept;
    EXPECT_EQ(kept.find("Connection:"), std::string::npos) << "HTTP/1.1 keeps alive by default";
    EXPECT_TRUE(kept.ends_with("\r\n\r\n"));
    EXPECT_NE(SerializeHead(response, 1, false).find("\r\nConnection: close\r\n"),
              std::string::npos);
    EXPECT_NE(SerializeHead(response, 0, true).find("\r\nConnection: keep-alive\r\n"),
              std::string::npos)
        << "HTTP/1.0 clients close unless told otherwise";
}

}  // namespace
}  // namespace nectr::http
