#pragma once

// Running a program and collecting what it prints, without a shell (no quoting bugs, no
// injection through a file name or a ref). Blocks: call from the blocking pool or a CLI path.
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace nectr::core {

struct ProcessResult {
    int exit_code = 0;  // 128 + signal number when a signal ended it
    std::string out;
    std::string err;
};

struct ProcessOptions {
    std::optional<std::string> working_directory;
    // Written to the child's standard input, which is then closed. Without it, standard input
    // is /dev/null. A child that exits without reading it all is not an error.
    std::optional<std::string> input;
    // Output beyond this (per stream) fails the call with kTooLarge and ends the process.
    std::size_t max_output_bytes = std::size_t{256} * 1024 * 1024;
    // Variables set in the child on top of this process's environment (replacing any of the
    // same name). The way to hand a child a secret: unlike argv, the environment of another
    // user's process is not readable on Linux.
    std::vector<std::pair<std::string, std::string>> environment;
};

// Runs argv[0] (looked up in PATH) with the arguments. A non-zero exit is a result, not an
// error. Errors: kInvalidInput (empty argv), kNotFound (no such program), kTooLarge, kInternal.
Result<ProcessResult> RunProcess(const std::vector<std::string>& argv,
                                 const ProcessOptions& options = {});

}  // namespace nectr::core
