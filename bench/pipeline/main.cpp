// nectr_pipeline_bench: the review pipeline's own time (Part A, `cpu`) and how many reviews one
// process keeps waiting on a slow model at once (Part B, `in-flight`). See bench/README.md.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <sstream>

#include "core/log.hpp"
#include "cpu_time.hpp"
#include "in_flight.hpp"
#include "synthetic_pr.hpp"

namespace {

using nectr::bench::PrShape;

bool ShapeNamed(const std::string& name, PrShape& shape) {
    for (const PrShape& known :
         {nectr::bench::SmallShape(), nectr::bench::MediumShape(), nectr::bench::HugeShape()}) {
        if (known.name == name) {
            shape = known;
            return true;
        }
    }
    fmt::print(stderr, "unknown size {:?}: small, medium or huge\n", name);
    return false;
}

struct FileCloser {
    void operator()(std::FILE* file) const { std::fclose(file); }
};

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"Nectr review pipeline benchmark"};
    app.require_subcommand(1);
    std::string json_path;
    app.add_option("--json", json_path, "append one JSON line per result to this file");
    std::string log_level = "warn";
    app.add_option("--log-level", log_level, "debug, info, warn, error or off (stderr)");

    auto* cpu = app.add_subcommand("cpu", "Part A: the pipeline's own time per review");
    std::string sizes = "small,medium,huge";
    int runs = 0;
    cpu->add_option("--sizes", sizes, "comma-separated: small, medium, huge");
    cpu->add_option("--runs", runs, "reviews per size (default: 500, 100, 30)");

    auto* in_flight = app.add_subcommand("in-flight", "Part B: reviews waiting on a slow model");
    nectr::bench::InFlightOptions options;
    std::string size = "small";
    bool header = false;
    in_flight->add_option("--model-url", options.model_url, "OpenAI-compatible base URL")
        ->required();
    in_flight->add_option("--reviews", options.reviews, "reviews started at once");
    in_flight->add_option("--model-delay", options.model_delay_s, "the server's delay (report)");
    in_flight->add_option("--size", size, "small, medium or huge");
    in_flight->add_option("--max-connections", options.max_connections,
                          "curl connection limits per host and in all (0: the defaults)");
    in_flight->add_option("--timeout", options.timeout_s, "model call timeout, seconds");
    in_flight->add_flag("--header", header, "print the table header first");

    auto* print_diff = app.add_subcommand("print-diff", "write a synthetic diff to stdout");
    std::string diff_size = "small";
    print_diff->add_option("--size", diff_size, "small, medium or huge");

    CLI11_PARSE(app, argc, argv);
    const auto level = nectr::core::ParseLogLevel(log_level);
    if (!level) {
        fmt::print(stderr, "unknown log level {:?}\n", log_level);
        return 2;
    }
    nectr::core::InitLogging(*level);
    std::unique_ptr<std::FILE, FileCloser> json;
    if (!json_path.empty()) {
        json.reset(std::fopen(json_path.c_str(), "a"));
        if (!json) {
            fmt::print(stderr, "cannot open {}\n", json_path);
            return 2;
        }
    }
    if (cpu->parsed()) {
        std::vector<PrShape> shapes;
        std::stringstream list(sizes);
        for (std::string name; std::getline(list, name, ',');) {
            shapes.emplace_back();
            if (!ShapeNamed(name, shapes.back())) {
                return 2;
            }
        }
        return nectr::bench::RunCpuTime(shapes, runs, json.get());
    }
    if (in_flight->parsed()) {
        if (!ShapeNamed(size, options.shape)) {
            return 2;
        }
        if (header) {
            nectr::bench::PrintInFlightHeader();
        }
        return nectr::bench::RunInFlight(options, json.get());
    }
    PrShape shape;
    if (!ShapeNamed(diff_size, shape)) {
        return 2;
    }
    fmt::print("{}", nectr::bench::MakeSyntheticPr(shape).diff_text);
    return 0;
}
