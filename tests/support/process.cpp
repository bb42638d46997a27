#include "support/process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace nectr::testing {
namespace {

using Clock = std::chrono::steady_clock;

std::vector<char*> CStrings(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (std::string& s : strings) {
        out.push_back(s.data());
    }
    out.push_back(nullptr);
    return out;
}

std::optional<int> DecodeStatus(int status) {
    if (WIFEXITED(status)) {
        return WEXITSTATUS(status);
    }
    if (WIFSIGNALED(status)) {
        return 128 + WTERMSIG(status);
    }
    return std::nullopt;
}

}  // namespace

ChildProcess::ChildProcess(std::vector<std::string> argv, std::map<std::string, std::string> env,
                           std::string cwd, std::string stdin_path) {
    for (const char* inherited :
         {"PATH", "HOME", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"}) {
        if (!env.contains(inherited) && std::getenv(inherited) != nullptr) {
            env[inherited] = std::getenv(inherited);
        }
    }
    std::vector<std::string> env_strings;
    for (const auto& [key, value] : env) {
        env_strings.push_back(key + "=" + value);
    }
    int out_pipe[2];
    int err_pipe[2];
    if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0) {
        throw std::runtime_error("pipe2 failed");
    }
    pid_ = fork();
    if (pid_ < 0) {
        throw std::runtime_error("fork failed");
    }
    if (pid_ == 0) {
        dup2(out_pipe[1], STDOUT_FILENO);
        dup2(err_pipe[1], STDERR_FILENO);
        int input = open(stdin_path.empty() ? "/dev/null" : stdin_path.c_str(), O_RDONLY);
        if (input < 0) {
            _exit(125);
        }
        dup2(input, STDIN_FILENO);
        if (!cwd.empty() && chdir(cwd.c_str()) != 0) {
            _exit(126);
        }
        auto args = CStrings(argv);
        auto envp = CStrings(env_strings);
        execve(args[0], args.data(), envp.data());
        _exit(127);
    }
    close(out_pipe[1]);
    close(err_pipe[1]);
    out_fd_ = out_pipe[0];
    err_fd_ = err_pipe[0];
}

ChildProcess::~ChildProcess() {
    if (!exit_code_ && pid_ > 0) {
        kill(pid_, SIGKILL);
        Wait(std::chrono::seconds(10));
    }
    for (int fd : {out_fd_, err_fd_}) {
        if (fd >= 0) {
            close(fd);
        }
    }
}

void ChildProcess::Drain(std::chrono::milliseconds timeout) {
    pollfd fds[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
    if (poll(fds, 2, static_cast<int>(timeout.count())) <= 0) {
        return;
    }
    char buffer[4096];
    for (int i = 0; i < 2; ++i) {
        if ((fds[i].revents & (POLLIN | POLLHUP)) != 0) {
            ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                (i == 0 ? out_ : err_).append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0) {
                close(fds[i].fd);
                (i == 0 ? out_fd_ : err_fd_) = -1;
            }
        }
    }
}

std::optional<std::string> ChildProcess::WaitForStdoutLine(const std::string& needle,
                                                           std::chrono::milliseconds timeout) {
    auto deadline = Clock::now() + timeout;
    while (Clock::now() < deadline) {
        std::size_t newline;
        while ((newline = out_.find('\n', out_scanned_)) != std::string::npos) {
            std::string line = out_.substr(out_scanned_, newline - out_scanned_);
            out_scanned_ = newline + 1;
            if (line.find(needle) != std::string::npos) {
                return line;
            }
        }
        if (out_fd_ < 0 && err_fd_ < 0) {
            return std::nullopt;
        }
        Drain(std::chrono::milliseconds(50));
    }
    return std::nullopt;
}

void ChildProcess::Signal(int signal_number) {
    if (!exit_code_ && pid_ > 0) {
        kill(pid_, signal_number);
    }
}

std::optional<int> ChildProcess::Wait(std::chrono::milliseconds timeout) {
    auto deadline = Clock::now() + timeout;
    while (!exit_code_) {
        int status = 0;
        pid_t done = waitpid(pid_, &status, WNOHANG);
        if (done == pid_) {
            exit_code_ = DecodeStatus(status);
            break;
        }
        if (Clock::now() >= deadline) {
            return std::nullopt;
        }
        if (out_fd_ >= 0 || err_fd_ >= 0) {
            Drain(std::chrono::milliseconds(20));
        } else {
            usleep(10000);
        }
    }
    // A grandchild could hold the pipes open: read what is there, but not forever.
    auto drain_deadline = Clock::now() + std::chrono::seconds(2);
    while ((out_fd_ >= 0 || err_fd_ >= 0) && Clock::now() < drain_deadline) {
        Drain(std::chrono::milliseconds(100));
    }
    return exit_code_;
}

const std::string& ChildProcess::Stdout() {
    Drain(std::chrono::milliseconds(0));
    return out_;
}

const std::string& ChildProcess::Stderr() {
    Drain(std::chrono::milliseconds(0));
    return err_;
}

CommandResult RunCommand(std::vector<std::string> argv, std::map<std::string, std::string> env,
                         std::chrono::milliseconds timeout, std::string cwd,
                         std::string stdin_path) {
    ChildProcess child(std::move(argv), std::move(env), std::move(cwd), std::move(stdin_path));
    CommandResult result;
    auto code = child.Wait(timeout);
    result.exit_code = code.value_or(-1);
    result.out = child.Stdout();
    result.err = child.Stderr();
    return result;
}

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "nectr-test.XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed");
    }
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
}

}  // namespace nectr::testing
