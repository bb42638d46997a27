#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace nectr::testing {

// A child process with its standard output and error captured, for end-to-end tests that
// run the real `nectr` binary. The destructor kills the child if it still runs.
class ChildProcess {
public:
    // Starts `argv[0]` with the given arguments. `env` replaces the environment entirely
    // (PATH and HOME are added when missing); `cwd` is the working directory. Standard input
    // reads the file `stdin_path`, or /dev/null when it is empty.
    ChildProcess(std::vector<std::string> argv, std::map<std::string, std::string> env,
                 std::string cwd = "", std::string stdin_path = "");
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // Reads standard output until a line contains `needle`; returns that line, or nullopt if
    // the process exits or the deadline passes first.
    std::optional<std::string> WaitForStdoutLine(const std::string& needle,
                                                 std::chrono::milliseconds timeout);
    void Signal(int signal_number);
    // Waits for the exit and returns the exit code (128+signal if killed); nullopt on timeout.
    std::optional<int> Wait(std::chrono::milliseconds timeout);

    const std::string& Stdout();
    const std::string& Stderr();
    pid_t Pid() const { return pid_; }

private:
    void Drain(std::chrono::milliseconds timeout);
    pid_t pid_ = -1;
    int out_fd_ = -1;
    int err_fd_ = -1;
    std::string out_;
    std::string err_;
    std::size_t out_scanned_ = 0;
    std::optional<int> exit_code_;
};

// Runs a command to completion and returns its exit code and output; standard input as for
// ChildProcess.
struct CommandResult {
    int exit_code = -1;
    std::string out;
    std::string err;
};
CommandResult RunCommand(std::vector<std::string> argv, std::map<std::string, std::string> env,
                         std::chrono::milliseconds timeout = std::chrono::seconds(60),
                         std::string cwd = "", std::string stdin_path = "");

// A fresh empty directory under /tmp, removed by the destructor.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& Path() const { return path_; }

private:
    std::string path_;
};

}  // namespace nectr::testing
